import { z } from 'zod';
import { flowDefinitionSchema, type FlowDefinition } from '../flow/flow-definition.schema';
import type { FlowIssue } from '../flow/flow-issue';
import type { ExecutionStatus } from './executions.api';

export const flowStatuses = ['draft', 'published', 'disabled'] as const;
export type FlowStatus = (typeof flowStatuses)[number];

/** A flow's own fields, without its definition. */
export interface FlowInfo {
  id: string;
  teamId: string;
  name: string;
  description: string;
  status: FlowStatus;
  /** Version the trigger URL runs; null until first published. */
  publishedVersion: number | null;
  /** The draft differs from the published version (false until first published). */
  hasUnpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The newest run of a flow, whatever started it. */
export interface FlowLastRun {
  id: string;
  status: ExecutionStatus;
  createdAt: string;
}

/** A row of the flow list (`GET …/flows`): the flow and how often it ran lately. */
export interface FlowSummary extends FlowInfo {
  lastRun: FlowLastRun | null;
  /** Runs created in the 24 hours before the list was read. */
  runsLast24h: number;
}

/** One flow with its draft definition. */
export interface Flow extends FlowInfo {
  definition: FlowDefinition;
}

/** `GET …/flows/:flowId` (and every write of a flow): the draft with secrets masked, its trigger URLs. */
export interface FlowView extends Flow {
  webhookUrl: string;
  testWebhookUrl: string;
  /** What publishing would refuse, so the editor can show it before the user tries. */
  issues: FlowIssue[];
}

/** A row of `GET …/flows/:flowId/versions`, newest first. */
export interface FlowVersionSummary {
  version: number;
  publishedAt: string;
  /** Who published it; null for versions published before this was recorded or by a deleted user. */
  publishedBy: { userId: string; name: string } | null;
}

/** `GET …/flows/:flowId/versions/:version`: the immutable snapshot, secrets masked as in the draft. */
export interface FlowVersion extends FlowVersionSummary {
  definition: FlowDefinition;
}

// Bodies check structure only; the service runs validateFlowDefinition for the 400 naming node and field.
export const createFlowBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  definition: flowDefinitionSchema.optional(),
});

export const updateFlowBodySchema = createFlowBodySchema.partial();

/** `POST …/flows/:flowId/run`: the draft by default; a dry run describes side effects instead of sending them. */
export const runFlowBodySchema = z.object({
  payload: z.unknown().optional(),
  version: z.enum(['draft', 'published']).optional(),
  dryRun: z.boolean().optional(),
});

export type CreateFlowBody = z.infer<typeof createFlowBodySchema>;
export type UpdateFlowBody = z.infer<typeof updateFlowBodySchema>;
export type RunFlowBody = z.infer<typeof runFlowBodySchema>;

/** `POST …/flows/:flowId/publish`. */
export interface PublishFlowResponse {
  version: number;
  webhookUrl: string;
  testWebhookUrl: string;
}

/** `POST …/flows/:flowId/run` and other calls that start an execution. */
export interface RunFlowResponse {
  executionId: string;
}
