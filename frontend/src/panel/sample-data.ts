import {
  getNodeDescription,
  isExpression,
  samplePayloadFor,
  parseTemplate,
  plainPathOf,
  readPlainPath,
  isWholeExpression,
  type ExpressionContext,
  type FlowDefinition,
  type FlowNode,
  type NodeSampleData,
} from '@hookflow/shared';
import type { FlowEditorState } from '../editor/flow-store';
import type { DataPickerSection } from './data-picker';
import { timeAgo } from './time-ago';

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
 * The example a trigger shows before any real request: the one place to swap in per-provider
 * sample payloads.
 */
export function triggerExample(trigger: FlowNode): unknown {
  // A provider preset's sample (GitHub push…) before the node's generic one.
  return samplePayloadFor(trigger.config) ?? getNodeDescription(trigger.type)?.sampleOutput;
}

/** What the picker knows of a step: a value and where it comes from, for the label. */
interface StepSample {
  value: unknown;
  source: string;
}

export interface SampleSources {
  /** The run opened on the canvas or the request picked in the trigger panel, this session. */
  session: Pick<FlowEditorState, 'sample'>['sample'];
  /** `GET …/sample-data`: each node's last real output. */
  recorded: Record<string, NodeSampleData>;
  now: number;
}

/**
 * Data for the picker and preview, per upstream step: what it really produced (the run opened
 * in this session, else its last recorded output), else a sample derived from its config, else
 * the node type's example — each labelled with where it comes from.
 */
export function pickerSections(
  definition: FlowDefinition,
  nodeId: string,
  sources: SampleSources,
): DataPickerSection[] {
  const trigger = definition.nodes.find(
    (node) => getNodeDescription(node.type)?.category === 'trigger',
  );
  const sections: DataPickerSection[] = [];
  const context: ExpressionContext = emptyContext();
  const add = (root: string, title: string, sample: StepSample) => {
    sections.push({ root, title, value: sample.value, source: sample.source });
    if (root === 'trigger') context.trigger = sample.value as ExpressionContext['trigger'];
    else context.steps[root.slice('steps.'.length)] = sample.value;
  };
  if (trigger) add('trigger', `Trigger: ${trigger.name}`, triggerSample(trigger, sources));
  const upstream = new Set(upstreamNodeIds(definition, nodeId));
  for (const node of definition.nodes) {
    if (!upstream.has(node.id) || node.id === trigger?.id) continue;
    // Named, not by id: the id is in each path's expression (shown on hover, inserted on click).
    add(`steps.${node.id}`, `Step: ${node.name}`, stepSample(node, sources, context));
  }
  return sections;
}

function triggerSample(trigger: FlowNode, { session, recorded, now }: SampleSources): StepSample {
  if (session.trigger !== undefined)
    return { value: session.trigger, source: 'from the request you picked' };
  const real = recorded[trigger.id];
  if (real) return recordedSample(real, now);
  return { value: triggerExample(trigger), source: 'example' };
}

function stepSample(
  node: FlowNode,
  { session, recorded, now }: SampleSources,
  context: ExpressionContext,
): StepSample {
  if (node.id in session.steps)
    return { value: session.steps[node.id], source: 'from the run you opened' };
  const real = recorded[node.id];
  if (real) return recordedSample({ ...real, output: inFieldOrder(node, real.output) }, now);
  const derived = derivedOutput(node, context);
  if (derived !== undefined) return { value: derived, source: 'from your fields' };
  return { value: getNodeDescription(node.type)?.sampleOutput, source: 'example' };
}

/**
 * A transform's recorded output in the order its fields are typed: step outputs are stored as
 * jsonb, which sorts keys (shortest first).
 */
function inFieldOrder(node: FlowNode, output: unknown): unknown {
  const fields = node.config.fields;
  if (node.type !== 'data.transform' || !isObject(output) || !isObject(fields)) return output;
  const order = Object.keys(fields).filter((key) => Object.hasOwn(output, key));
  const rest = Object.keys(output).filter((key) => !Object.hasOwn(fields, key));
  return Object.fromEntries([...order, ...rest].map((key) => [key, output[key]]));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function recordedSample(real: NodeSampleData, now: number): StepSample {
  const cut = real.truncated ? ', shortened' : '';
  return { value: real.output, source: `from ${real.source} ${timeAgo(real.at, now)}${cut}` };
}

/**
 * What a step will likely output, from its own config: a transform's fields (literals as
 * typed, plain paths read from the samples before it, anything else a placeholder), an HTTP
 * request's usual response shape. Undefined when the config says nothing useful.
 */
export function derivedOutput(node: FlowNode, context: ExpressionContext): unknown {
  switch (node.type) {
    case 'data.transform': {
      const fields = node.config.fields;
      if (!fields || typeof fields !== 'object' || !Object.keys(fields).length) return undefined;
      return Object.fromEntries(
        Object.entries(fields as Record<string, unknown>).map(([key, value]) => [
          key,
          fieldSample(value, context),
        ]),
      );
    }
    case 'http.request':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: node.config.method === 'HEAD' ? '' : {},
      };
    default:
      return undefined;
  }
}

const PLACEHOLDER = '…';
// A guess at an expression's type from how it reads, for the placeholder's type.
const NUMERIC = /^\s*\$(?:count|sum|number|length|round|floor|ceil|abs|max|min|average|toMillis)\(/;
const BOOLEAN = /^\s*\$(?:exists|boolean|not|contains)\(|[<>]|!=|\s=\s|\b(?:and|or)\b/;

function placeholderFor(source: string): unknown {
  if (NUMERIC.test(source)) return 0;
  if (BOOLEAN.test(source)) return false;
  return PLACEHOLDER;
}

function fieldSample(value: unknown, context: ExpressionContext): unknown {
  if (!isExpression(value)) return value;
  try {
    const segments = parseTemplate(value);
    if (!isWholeExpression(segments)) return PLACEHOLDER;
    const { source } = segments.find((segment) => segment.kind === 'expression')!;
    const names = plainPathOf(source);
    const found = names && readPlainPath(context, names);
    return found === undefined || typeof found === 'symbol' ? placeholderFor(source) : found;
  } catch {
    return PLACEHOLDER;
  }
}

function emptyContext(): ExpressionContext {
  return {
    trigger: {} as ExpressionContext['trigger'],
    steps: {},
    execution: { id: 'preview', attempt: 1 },
    flow: { id: 'preview', name: '' },
    vars: {},
  };
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
