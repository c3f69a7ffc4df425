import {
  getNodeDescription,
  samplePayloadFor,
  type ExpressionContext,
  type FlowDefinition,
} from '@hookflow/shared';
import type { FlowEditorState } from '../editor/flow-store';
import type { DataPickerSection } from './data-picker';

/** Ids of the nodes that run before `nodeId` (its ancestors), in definition order. */
export function upstreamNodeIds(definition: FlowDefinition, nodeId: string): string[] {
  const seen = new Set<string>();
  const queue = [nodeId];
  while (queue.length) {
    const current = queue.shift()!;
    for (const edge of definition.edges) {
      if (edge.target === current && !seen.has(edge.source)) {
        seen.add(edge.source);
        queue.push(edge.source);
      }
    }
  }
  return definition.nodes.filter((node) => seen.has(node.id)).map((node) => node.id);
}

/**
 * Data for the picker and preview: the captured trigger request and step outputs of the last
 * run where there are some, the provider preset's or the node descriptions' samples otherwise.
 */
export function pickerSections(
  state: Pick<FlowEditorState, 'definition' | 'sample'>,
  nodeId: string,
): DataPickerSection[] {
  const { definition, sample } = state;
  const trigger = definition.nodes.find(
    (node) => getNodeDescription(node.type)?.category === 'trigger',
  );
  const sections: DataPickerSection[] = [];
  if (trigger) {
    sections.push({
      root: 'trigger',
      title: `Trigger: ${trigger.name}`,
      // A provider preset's sample (GitHub push…) before the node's generic one.
      value:
        sample.trigger ??
        samplePayloadFor(trigger.config) ??
        getNodeDescription(trigger.type)?.sampleOutput,
      source: sample.trigger ? 'captured' : 'sample',
    });
  }
  const upstream = new Set(upstreamNodeIds(definition, nodeId));
  for (const node of definition.nodes) {
    if (!upstream.has(node.id) || node.id === trigger?.id) continue;
    const captured = node.id in sample.steps;
    sections.push({
      root: `steps.${node.id}`,
      title: `${node.name} (${node.id})`,
      value: captured ? sample.steps[node.id] : getNodeDescription(node.type)?.sampleOutput,
      source: captured ? 'last run' : 'sample',
    });
  }
  return sections;
}

export function sampleContext(
  sections: DataPickerSection[],
  flow: { id: string; name: string },
): ExpressionContext {
  const steps: Record<string, unknown> = {};
  let trigger: unknown = {};
  for (const section of sections) {
    if (section.root === 'trigger') trigger = section.value;
    else steps[section.root.slice('steps.'.length)] = section.value;
  }
  return {
    trigger: trigger as ExpressionContext['trigger'],
    steps,
    execution: { id: 'preview', attempt: 1 },
    flow,
    vars: {},
  };
}
