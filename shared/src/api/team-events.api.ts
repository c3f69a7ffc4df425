import type { ExecutionSource, ExecutionStatus } from './executions.api';

/** What happened to a flow, as its team's live stream reports it. */
export const flowChangeKinds = [
  'saved',
  'published',
  'enabled',
  'disabled',
  'key-regenerated',
  'deleted',
] as const;
export type FlowChangeKind = (typeof flowChangeKinds)[number];

/**
 * Messages of a team's live stream (`GET /api/teams/:teamId/events`, Server-Sent Events named by
 * `type`). Ids and statuses only: a listener reads anything else through the API.
 */
export type TeamEvent =
  | {
      type: 'execution.created';
      executionId: string;
      flowId: string;
      source: ExecutionSource;
      status: ExecutionStatus;
    }
  | { type: 'execution.finished'; executionId: string; flowId: string; status: ExecutionStatus }
  | { type: 'flow.changed'; flowId: string; change: FlowChangeKind };
