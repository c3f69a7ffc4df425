// Pure helpers around a flow's trigger.poll: its config read defensively (drafts may hold
// anything), when it polls, what identifies the request it makes, and what stops a publish.
// No BullMQ, no Nest, no database.
import { createHash } from 'node:crypto';
import {
  findExpressionErrors,
  isExpression,
  minPollIntervalSeconds,
  triggerPollNode,
  type FlowDefinition,
  type FlowIssue,
  type FlowNode,
  type InferProps,
} from '@hookflow/shared';
import { nextRunTimes, ScheduleConfigError } from '../schedules/next-runs.js';

export const pollsQueueName = 'polls';

export type PollConfig = InferProps<(typeof triggerPollNode)['props']>;

/** When a flow polls: a fixed interval, or the ticks of a cron expression in a time zone. */
export type PollTiming =
  { kind: 'interval'; everyMs: number } | { kind: 'cron'; cron: string; timezone: string };

/** The data of each poll job. */
export interface PollJob {
  flowId: string;
  teamId: string;
}

interface FlowLike {
  status: string;
  definition?: Pick<FlowDefinition, 'nodes'>;
}

/** The flow's trigger.poll node, if it starts with one. */
export function pollTriggerOf(definition: Pick<FlowDefinition, 'nodes'>): FlowNode | undefined {
  return definition.nodes.find((node) => node.type === triggerPollNode.type);
}

/** The trigger's config with the description's defaults filled in. */
export function pollConfigOf(trigger: Pick<FlowNode, 'config'>): PollConfig {
  const defaults = Object.fromEntries(
    Object.entries(triggerPollNode.props).flatMap(([key, prop]) =>
      'default' in prop && prop.default !== undefined ? [[key, prop.default]] : [],
    ),
  );
  return { ...defaults, ...trigger.config } as PollConfig;
}

/** One job scheduler per flow. No colons: BullMQ reads `a:b:c:d` as a legacy repeat key. */
export function pollSchedulerIdFor(flowId: string): string {
  return `poll-${flowId.replaceAll(':', '-')}`;
}

/** How often a published poll flow polls; undefined for any other flow (or an unusable config). */
export function pollTimingFor(flow: FlowLike): PollTiming | undefined {
  if (flow.status !== 'published' || !flow.definition) return undefined;
  const trigger = pollTriggerOf(flow.definition);
  if (!trigger) return undefined;
  const config = pollConfigOf(trigger);
  if (config.every === 'cron') {
    if (typeof config.cron !== 'string' || config.cron.trim() === '') return undefined;
    return { kind: 'cron', cron: config.cron.trim(), timezone: config.timezone || 'UTC' };
  }
  const seconds = Number(config.intervalSeconds);
  if (!Number.isFinite(seconds)) return undefined;
  return { kind: 'interval', everyMs: Math.max(minPollIntervalSeconds, seconds) * 1000 };
}

/**
 * What the seen keys belong to: the request and how items are told apart. When it changes (a
 * new URL, another idPath…), the old keys mean nothing and the next poll takes a new baseline.
 */
export function pollFingerprint(config: PollConfig): string {
  const identity = [
    config.method,
    config.url,
    config.query ?? {},
    config.method === 'POST' ? (config.body ?? null) : null,
    config.itemsPath ?? '',
    config.idPath,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
}

/** Publish-time problems of a trigger.poll beyond its props: URL, cron spacing, expressions. */
export function pollIssues(definition: Pick<FlowDefinition, 'nodes'>): FlowIssue[] {
  const trigger = pollTriggerOf(definition);
  if (!trigger) return [];
  const config = pollConfigOf(trigger);
  const issue = (field: string, message: string): FlowIssue => ({
    nodeId: trigger.id,
    field,
    message: `Node "${trigger.name}" (${trigger.id}): ${field}: ${message}`,
  });
  const issues: FlowIssue[] = [];
  const url = typeof config.url === 'string' ? config.url : '';
  if (url && !/^https?:\/\//i.test(url))
    issues.push(issue('url', `"${url}" is not an http(s) URL`));
  else if (url && !URL.canParse(url)) issues.push(issue('url', `"${url}" is not a URL`));
  if (config.every === 'cron' && typeof config.cron === 'string' && config.cron.trim()) {
    const problem = cronProblem(config.cron, config.timezone || 'UTC');
    if (problem) issues.push(issue(problem.field, problem.message));
  }
  for (const field of ['itemsPath', 'idPath'] as const) {
    const text = config[field];
    if (typeof text !== 'string' || !isExpression(text)) continue;
    const [error] = findExpressionErrors(text);
    if (error) issues.push(issue(field, error.message));
  }
  return issues;
}

/** A cron that cannot run, or whose ticks come closer than the minimum interval. */
function cronProblem(
  cron: string,
  timezone: string,
): { field: 'cron' | 'timezone'; message: string } | undefined {
  let ticks: Date[];
  try {
    ticks = nextRunTimes(cron, timezone, 20);
  } catch (error) {
    if (error instanceof ScheduleConfigError) return { field: error.field, message: error.message };
    throw error;
  }
  const closest = Math.min(
    ...ticks.slice(1).map((tick, index) => tick.getTime() - ticks[index].getTime()),
  );
  if (closest < minPollIntervalSeconds * 1000) {
    return {
      field: 'cron',
      message: `"${cron}" polls ${closest / 1000} s apart; polls must be at least ${minPollIntervalSeconds} s apart`,
    };
  }
  return undefined;
}
