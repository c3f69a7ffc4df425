import type { ExecutionStatus, RetryFrom, StepRun } from '@hookflow/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An earlier attempt of a retried run, as it ended: written by the retry, read by the run view. */
@Entity('run_attempts')
export class RunAttemptEntity {
  @PrimaryColumn({ name: 'execution_id', type: 'uuid' })
  executionId: string;

  @PrimaryColumn({ type: 'integer' })
  attempt: number;

  @Column({ type: 'text' })
  status: ExecutionStatus;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_from', type: 'text', nullable: true })
  startedFrom: RetryFrom | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The attempt's step runs as the API showed them (names included). */
  @Column({ type: 'jsonb' })
  steps: StepRun[];
}
