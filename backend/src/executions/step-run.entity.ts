import type { StepError, StepRunStatus } from '@hookflow/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One node's run inside an execution; retries update the same row with a higher attempt. */
@Entity('step_runs')
export class StepRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'execution_id', type: 'uuid' })
  executionId: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId: string;

  @Column({ name: 'node_type', type: 'text' })
  nodeType: string;

  @Column({ type: 'text' })
  status: StepRunStatus;

  @Column({ type: 'integer', default: 1 })
  attempt: number;

  /** The resolved config the handler received, secrets redacted. */
  @Column({ type: 'jsonb', nullable: true })
  input: unknown;

  @Column({ type: 'jsonb', nullable: true })
  output: unknown;

  @Column({ type: 'jsonb', nullable: true })
  error: StepError | null;

  /** For nodes with named outputs: the handle whose edges were followed. */
  @Column({ type: 'text', nullable: true })
  handle: string | null;

  /** `logic.filter` ended the branch here. */
  @Column({ type: 'boolean', default: false })
  stopped: boolean;

  /** Why a `waiting` step waits: a `flow.delay`, or the backoff before its next attempt. */
  @Column({ name: 'wait_kind', type: 'text', nullable: true })
  waitKind: 'delay' | 'retry' | null;

  @Column({ name: 'resume_at', type: 'timestamptz', nullable: true })
  resumeAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
