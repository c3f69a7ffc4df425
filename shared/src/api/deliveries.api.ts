import { z } from 'zod';

export const deliveryOutcomes = ['accepted', 'rejected', 'duplicate'] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

/** Why a trigger request was turned away. */
export type DeliveryRejectReason =
  | 'method_not_allowed'
  | 'ip_not_allowed'
  | 'unauthorized'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'rate_limited'
  | 'too_large'
  | 'malformed_body'
  | 'flow_disabled'
  | 'filtered';

/** Every request that reached a trigger URL, as the request inspector shows it. */
export interface Delivery {
  id: string;
  flowId: string;
  /** `test` for `/hooks/<key>/test`, which runs the draft. */
  mode: 'production' | 'test';
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  /** The raw body, base64-encoded so binary bodies survive JSON. */
  rawBodyBase64: string;
  contentType: string | null;
  sizeBytes: number;
  outcome: DeliveryOutcome;
  reason: DeliveryRejectReason | null;
  /** Human-readable verification result, e.g. `GitHub signature valid`. */
  verification: string | null;
  executionId: string | null;
  /** For duplicates: the delivery first seen with the same id. */
  duplicateOf: string | null;
  receivedAt: string;
}

export const replayDeliveryBodySchema = z.object({
  target: z.enum(['draft', 'published']),
  dryRun: z.boolean().optional(),
});
export type ReplayDeliveryBody = z.infer<typeof replayDeliveryBodySchema>;
