// Pure helpers shared by SchedulesService and its callers: what to schedule for a flow, under
// which id, and what a tick job means. No BullMQ, no Nest.

export const schedulesQueueName = 'schedules';

/** The data of each tick job the scheduler produces. */
export interface ScheduleTick {
  flowId: string;
  teamId: string;
  /** The published version the schedule was synced for (the run may resolve the current one). */
  version?: number;
}

export interface SchedulePlan {
  cron: string;
  timezone: string;
}

interface FlowLike {
  status: string;
  /** The published version's definition; undefined when never published. */
  definition?: {
    nodes: ReadonlyArray<{ type: string; config: Readonly<Record<string, unknown>> }>;
  };
}

/** One BullMQ job scheduler per flow. No colons: BullMQ reads `a:b:c:d` as a legacy repeat key. */
export function schedulerIdFor(flowId: string): string {
  return `flow-${flowId.replaceAll(':', '-')}`;
}

/**
 * The schedule a flow should have: its published trigger.schedule's {cron, timezone} while the
 * flow is published, otherwise none (a disabled or draft flow, or another trigger type).
 */
export function schedulePlanFor(flow: FlowLike): SchedulePlan | undefined {
  if (flow.status !== 'published' || !flow.definition) return undefined;
  const trigger = flow.definition.nodes.find((node) => node.type === 'trigger.schedule');
  if (!trigger) return undefined;
  const { cron, timezone } = trigger.config;
  if (typeof cron !== 'string' || cron.trim() === '') return undefined;
  return {
    cron: cron.trim(),
    timezone: typeof timezone === 'string' && timezone ? timezone : 'UTC',
  };
}

/**
 * The moment a tick job stands for: BullMQ stores the scheduled time as `opts.prevMillis`; a job
 * that ran late still reports the tick it belongs to.
 */
export function tickTimeOf(job: {
  opts: { prevMillis?: number; delay?: number };
  timestamp: number;
}): Date {
  return new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
}

/** The trigger body of a scheduled run (what trigger.schedule outputs). */
export function scheduledTriggerBody(tick: Date, firedAt: Date, timezone: string) {
  return { scheduledAt: tick.toISOString(), firedAt: firedAt.toISOString(), timezone };
}

/**
 * A de-duplication key for the run of one tick: a tick job re-run after a worker crash must not
 * start a second execution.
 */
export function scheduledRunKey(flowId: string, tick: Date): string {
  return `schedule:${flowId}:${tick.getTime()}`;
}
