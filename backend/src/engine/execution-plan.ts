import type { FlowEdge } from '@hookflow/shared';
import type { FlowGraph } from './flow-graph.js';

export type StepStatus = 'succeeded' | 'failed' | 'skipped' | 'running' | 'waiting';

export interface StepState {
  status: StepStatus;
  /** The output handle a node with named outputs chose (`'true'` / `'false'` for `logic.if`). */
  handle?: string;
  /** `logic.filter` ended its branch: the step succeeded but its edges stay inactive. */
  stop?: boolean;
}

export type StepStates = Readonly<Record<string, StepState>>;

export interface ExecutionPlan {
  /** Nodes to enqueue now; several at once on fan-out. */
  ready: string[];
  /** Nodes no active edge will ever reach, transitively; record them as skipped. */
  skip: string[];
  /** Nothing runs, waits or is ready any more: the execution is over. */
  finished: boolean;
  /** A step failed: the execution fails, nothing new starts, running steps finish. */
  failed: boolean;
}

export type ResumeMode = 'failed' | 'start';

const isSettled = (state: StepState | undefined) =>
  state?.status === 'succeeded' || state?.status === 'skipped' || state?.status === 'failed';

function isActive(graph: FlowGraph, edge: FlowEdge, states: StepStates): boolean {
  const source = states[edge.source];
  if (source?.status !== 'succeeded' || source.stop) return false;
  // Handles only matter for nodes that declare named outputs; stray ones on others are ignored.
  return graph.outputsOf(edge.source) === undefined || edge.sourceHandle === source.handle;
}

/**
 * What to do next after a step changed state. Called by the worker after every step; pure, so
 * replaying the recorded states after a crash gives the same plan.
 */
export function planNextSteps(graph: FlowGraph, states: StepStates): ExecutionPlan {
  const busy = Object.values(states).some((s) => s.status === 'running' || s.status === 'waiting');
  if (Object.values(states).some((s) => s.status === 'failed')) {
    return { ready: [], skip: [], finished: !busy, failed: true };
  }
  if (!states[graph.trigger.id]) {
    return { ready: [graph.trigger.id], skip: [], finished: false, failed: false };
  }
  // One pass in topological order: a node's sources are decided (or newly skipped) before it.
  const working: Record<string, StepState> = { ...states };
  const ready: string[] = [];
  const skip: string[] = [];
  for (const id of graph.order) {
    if (working[id] || !graph.isReachable(id) || id === graph.trigger.id) continue;
    // Edges from nodes the trigger cannot reach would never settle, so they do not count.
    const edges = graph.incoming(id).filter((edge) => graph.isReachable(edge.source));
    if (!edges.every((edge) => isSettled(working[edge.source]))) continue;
    if (edges.some((edge) => isActive(graph, edge, working))) {
      ready.push(id);
    } else {
      skip.push(id);
      working[id] = { status: 'skipped' };
    }
  }
  const allSettled = graph.order.every((id) => !graph.isReachable(id) || isSettled(working[id]));
  return { ready, skip, finished: !busy && ready.length === 0 && allSettled, failed: false };
}

/**
 * The states a retried execution starts from: `'start'` keeps only the trigger (its request is
 * replayed); `'failed'` keeps what completed and reruns each failed step and everything after it.
 */
export function resumeFrom(
  graph: FlowGraph,
  states: StepStates,
  mode: ResumeMode,
): Record<string, StepState> {
  const triggerId = graph.trigger.id;
  if (mode === 'start') {
    const trigger = states[triggerId];
    return trigger?.status === 'succeeded' ? { [triggerId]: trigger } : {};
  }
  const dropped = new Set<string>();
  for (const [id, state] of Object.entries(states)) {
    if (state.status !== 'failed') continue;
    dropped.add(id);
    for (const downstream of graph.downstreamOf(id)) dropped.add(downstream);
  }
  // Running or waiting steps of a finished run never completed, so they run again too.
  return Object.fromEntries(
    Object.entries(states).filter(
      ([id, state]) =>
        !dropped.has(id) && (state.status === 'succeeded' || state.status === 'skipped'),
    ),
  );
}
