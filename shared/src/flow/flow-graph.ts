import type { FlowEdge } from './flow-definition.schema';

/** Node ids on cycles, each cycle once, as the path that closes it (`['a', 'b', 'a']`). */
export function findCycles(nodeIds: readonly string[], edges: readonly FlowEdge[]): string[][] {
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) next.get(edge.source)?.push(edge.target);

  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const target of next.get(id) ?? []) {
      const seen = state.get(target);
      if (seen === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target]);
      else if (!seen && next.has(target)) visit(target);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of nodeIds) if (!state.has(id)) visit(id);
  return cycles;
}
