import { z } from 'zod';

const hourMs = 3_600_000;

const computedBackoffSchema = z.object({
  attempts: z.number().int().min(1).max(20),
  delayMs: z
    .number()
    .int()
    .min(0)
    .max(24 * hourMs),
});

/**
 * A step's retry settings. `fixed` and `exponential` compute the wait from `delayMs`;
 * `schedule` lists the wait before each retry (the first try runs at once, so a schedule of n
 * waits means n + 1 tries), like Svix's 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
 */
export const nodeRetryPolicySchema = z.discriminatedUnion('backoff', [
  computedBackoffSchema.extend({ backoff: z.literal('fixed') }),
  computedBackoffSchema.extend({ backoff: z.literal('exponential') }),
  z.object({
    backoff: z.literal('schedule'),
    schedule: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(24 * hourMs),
      )
      .min(1)
      .max(19),
  }),
]);

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

/** The flow document, stored as a draft and snapshotted on publish. */
export const flowDefinitionSchema = z.object({
  schemaVersion: z.literal(1),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
});

export type NodeRetryPolicy = z.infer<typeof nodeRetryPolicySchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;
