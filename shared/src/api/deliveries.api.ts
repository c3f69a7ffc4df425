import { z } from 'zod';

/**
 * `failed`: a poll of a `trigger.poll` flow that got no usable answer (see `poll.error`).
 * `filtered`: an event the trigger's event filter leaves out; answered 200, starts nothing.
 */
export const deliveryOutcomes = [
  'accepted',
  'rejected',
  'duplicate',
  'failed',
  'filtered',
] as const;
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
  | 'body_timeout'
  | 'malformed_body'
  | 'flow_disabled'
  | 'flow_unpublished'
  | 'not_webhook_trigger'
  | 'trigger_misconfigured'
  | 'draft_invalid'
  | 'filtered';

/** What one poll of a `trigger.poll` flow asked and found. */
export interface PollSummary {
  /** `schedule` for a tick, `manual` for "Poll now". */
  cause: 'schedule' | 'manual';
  /** Origin and path of the request (the query is in the delivery's `query`). */
  url: string;
  /** The API's status code; null when no answer came (network error, refused destination). */
  status: number | null;
  /** Items in the answer. */
  found: number;
  /** Items not seen before: one run each (none when `baseline`). */
  new: number;
  /** Items whose id came out empty: they cannot be told apart, so they start nothing. */
  withoutId: number;
  /** The first poll after publishing: what exists was recorded without starting runs. */
  baseline: boolean;
  /** Why the poll failed; nothing was recorded as seen, so the next poll tries again. */
  error: string | null;
  durationMs: number;
}

/** How many bytes of the body a delivery list shows; the detail route has the whole body. */
export const DELIVERY_PREVIEW_BYTES = 512;

/** A request that reached a trigger URL, or a poll, as the delivery list shows it: no whole body. */
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
  /** Set for the polls of a `trigger.poll` flow; the raw body is then the API's answer. */
  poll: PollSummary | null;
  receivedAt: string;
}

/** One delivery with its body, as the inspector shows it (the detail route). */
export interface Delivery extends DeliverySummary {
  /** The raw body, base64-encoded so binary bodies survive JSON. */
  rawBodyBase64: string;
}

/** `POST …/flows/:flowId/poll`: the poll that just ran, as recorded. */
export interface PollNowResponse {
  delivery: Delivery;
  /** The runs it started, oldest item first. */
  executionIds: string[];
}

export const replayDeliveryBodySchema = z.object({
  /** Which version runs the recorded request; the draft unless said otherwise. */
  target: z.enum(['draft', 'published']).default('draft'),
  dryRun: z.boolean().optional(),
  /** Required to replay a delivery that was rejected (failed verification, disabled flow…). */
  force: z.boolean().optional(),
});
export type ReplayDeliveryBody = z.infer<typeof replayDeliveryBodySchema>;
