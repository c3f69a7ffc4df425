import { z } from 'zod';

export const nodeRetryPolicySchema = z.object({
  attempts: z.number().int().min(1).max(20),
  backoff: z.enum(['fixed', 'exponential']),
  delayMs: z.number().int().min(0),
});

export const flowNodeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
  position: z.object({ x: z.number(), y: z.number() }),
  retry: nodeRetryPolicySchema.optional(),
});

export const flowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  /** Named output of the source node: `'true'` / `'false'` for `logic.if`. */
  sourceHandle: z.string().optional(),
});

/** The flow document of DESIGN §3, stored as a draft and snapshotted on publish. */
export const flowDefinitionSchema = z.object({
  schemaVersion: z.literal(1),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
});

export type NodeRetryPolicy = z.infer<typeof nodeRetryPolicySchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
