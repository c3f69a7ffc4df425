import type {
  ExecutionReplay,
  ExecutionStatus,
  RetryFrom,
  TriggerRequestContext,
} from '@hookflow/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ExecutionMode = 'production' | 'test' | 'manual' | 'schedule' | 'poll';

/** What a `webhook.respond` step (or the end of the run) answers a `sync` trigger request. */
export interface ExecutionResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

@Entity('executions')
export class ExecutionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  /** The published version that runs; null runs the draft. */
  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ type: 'text' })
  mode: ExecutionMode;

  @Column({ type: 'text', default: 'queued' })
  status: ExecutionStatus;

  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId: string | null;

  /** The trigger request as expressions see it; secret headers already redacted. */
  @Column({ type: 'jsonb' })
  trigger: TriggerRequestContext;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun: boolean;

  /** Set when this run replays a recorded delivery (`forced`: it had been rejected). */
  @Column({ type: 'jsonb', nullable: true })
  replay: ExecutionReplay | null;

  /** The trigger's ordering key, evaluated when the run was recorded; runs sharing one go one at a time. */
  @Column({ name: 'ordering_key', type: 'text', nullable: true })
  orderingKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  response: ExecutionResponse | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The current attempt (earlier ones are in `run_attempts`); only a retry changes these three. */
  @Column({ type: 'integer', default: 1 })
  attempt: number;

  @Column({ name: 'retried_from', type: 'text', nullable: true })
  retriedFrom: RetryFrom | null;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the current attempt started (a retry clears it). */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
