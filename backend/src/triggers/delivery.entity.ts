import type { DeliveryOutcome, DeliveryRejectReason, PollSummary } from '@hookflow/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every request that reached a trigger URL, accepted or not, and every poll: the inspector's rows. */
@Entity('deliveries')
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  mode: 'production' | 'test';

  @Column({ type: 'text' })
  method: string;

  @Column({ type: 'text' })
  path: string;

  /** Credential-bearing headers (Authorization, Cookie, …) are redacted before storing. */
  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  @Column({ type: 'jsonb' })
  query: Record<string, string | string[]>;

  /** The body bytes exactly as received (empty when refused as too large). */
  @Column({ name: 'raw_body', type: 'bytea' })
  rawBody: Buffer;

  @Column({ name: 'content_type', type: 'text', nullable: true })
  contentType: string | null;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'text' })
  outcome: DeliveryOutcome;

  @Column({ type: 'text', nullable: true })
  reason: DeliveryRejectReason | null;

  @Column({ type: 'text', nullable: true })
  verification: string | null;

  @Column({ name: 'execution_id', type: 'uuid', nullable: true })
  executionId: string | null;

  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf: string | null;

  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  /** Polls of a trigger.poll flow: what was asked and found (the raw body is the answer). */
  @Column({ type: 'jsonb', nullable: true })
  poll: PollSummary | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
