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

/** How many bytes of the body a delivery list shows; the detail route has the whole body. */
export const DELIVERY_PREVIEW_BYTES = 512;

/** A request that reached a trigger URL, as the delivery list shows it: no whole body. */
export interface DeliverySummary {
  id: string;
  flowId: string;
  /** `test` for `/hooks/<key>/test`, which runs the draft. */
  mode: 'production' | 'test';
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  /** The first {@link DELIVERY_PREVIEW_BYTES} bytes of the body as UTF-8 text (lossy). */
  bodyPreview: string;
  /** Whether the body is longer than the preview. */
  bodyTruncated: boolean;
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

/** One delivery with its body, as the inspector shows it (the detail route). */
export interface Delivery extends DeliverySummary {
  /** The raw body, base64-encoded so binary bodies survive JSON. */
  rawBodyBase64: string;
}

export const replayDeliveryBodySchema = z.object({
  /** Which version runs the recorded request; the draft unless said otherwise. */
  target: z.enum(['draft', 'published']).default('draft'),
  dryRun: z.boolean().optional(),
  /** Required to replay a delivery that was rejected (failed verification, disabled flow…). */
  force: z.boolean().optional(),
});
export type ReplayDeliveryBody = z.infer<typeof replayDeliveryBodySchema>;
