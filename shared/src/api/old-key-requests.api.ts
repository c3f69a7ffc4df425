/** How long, and how many per team, requests to given-up trigger keys are kept. */
export const OLD_KEY_REQUEST_RETENTION_DAYS = 7;
export const OLD_KEY_REQUESTS_PER_TEAM = 500;

/** Why a flow's trigger key stopped working. */
export type TriggerKeyRetirement = 'regenerated' | 'deleted';

/** A request that reached a trigger key its flow gave up: answered 404, started nothing. */
export interface OldKeyRequest {
  id: string;
  flowId: string;
  /** The flow's name when the key was retired (a deleted flow has no other). */
  flowName: string;
  cause: TriggerKeyRetirement;
  /** When that key was retired. */
  retiredAt: string;
  mode: 'production' | 'test';
  method: string;
  /** Credential-bearing headers redacted, as for deliveries. The body is not kept. */
  headers: Record<string, string>;
  contentType: string | null;
  /** The declared Content-Length; null when the sender declared none. */
  sizeBytes: number | null;
  receivedAt: string;
}

/** "12 requests hit your old URL since you regenerated it": the count and the latest ones. */
export interface OldKeyRequests {
  /** Requests kept (the last {@link OLD_KEY_REQUEST_RETENTION_DAYS} days, at most {@link OLD_KEY_REQUESTS_PER_TEAM}). */
  total: number;
  /** When the most recent of these keys was retired; null when none was. */
  lastRetiredAt: string | null;
  /** The newest requests, at most 50. */
  items: OldKeyRequest[];
}
