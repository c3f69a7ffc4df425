import { z } from 'zod';
import { flowDefinitionSchema, type FlowDefinition } from '../flow/flow-definition.schema';

export const flowStatuses = ['draft', 'published', 'disabled'] as const;
export type FlowStatus = (typeof flowStatuses)[number];

/** A row of the flow list. */
export interface FlowSummary {
  id: string;
  teamId: string;
  name: string;
  description: string;
  status: FlowStatus;
  /** Version the trigger URL runs; null until first published. */
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One flow with its draft definition. */
export interface Flow extends FlowSummary {
  definition: FlowDefinition;
}

// Bodies check structure only; the service runs validateFlowDefinition for the 400 naming node and field.
export const createFlowBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
  definition: flowDefinitionSchema.optional(),
});

export const updateFlowBodySchema = createFlowBodySchema.partial();

export const runFlowBodySchema = z.object({ payload: z.unknown().optional() });

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
