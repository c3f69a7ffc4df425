import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { FlowLimits } from '../engine/index.js';
import { ExecutionEntity } from './execution.entity.js';

/** Thrown by the runner when the flow's limits say "not yet"; the worker puts the job back. */
export class ExecutionHeld extends Error {
  constructor(readonly executionId: string) {
    super(`Execution ${executionId} waits for its flow's concurrency limit or ordering key`);
  }
}

export type Admission = 'started' | 'held' | 'gone';

/** What admission looks at of an execution. */
type Candidate = Pick<ExecutionEntity, 'id' | 'flowId' | 'dryRun' | 'orderingKey'>;

const STARTABLE = ['queued', 'waiting'] as const;

/** True when the flow's limits apply to this run; the runner starts other runs on its own. */
export function isLimited(execution: Candidate, limits: FlowLimits): boolean {
  return !execution.dryRun && (limits.concurrency !== undefined || execution.orderingKey !== null);
}

/**
 * Per-flow concurrency and ordering keys, checked when a worker is about to start a
 * run (or resume one after a delay or a retry backoff).
 *
 * A slot is held by a `running` execution only: a run in `waiting` (flow.delay, retry backoff)
 * does no work, so it frees its slot and must win one again to resume. Ordering keys are
 * stricter: once a run has started, no other run with its key starts until it has finished
 * (succeeded, failed or canceled), waits included; and a run that has not started yet also
 * waits for every earlier one (created_at, then id) with its key. Dry runs send nothing, so they
 * are neither limited nor counted.
 *
 * The check and the move to `running` happen in one transaction under a per-flow advisory lock,
 * so two workers cannot both take the last slot. Only this transaction's connection is used while
 * it is open: embedded mode has one database session, and waiting on a second connection inside
 * the transaction would wait forever.
 */
@Injectable()
export class ExecutionAdmission {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Starts a run whose flow's limits apply (see `isLimited`), or says why not. */
  async start(execution: Candidate, limits: FlowLimits): Promise<Admission> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('hookflow:flow-admission'), hashtext($1))`,
        [execution.flowId],
      );
      // Read again under the lock: another worker may have started or canceled it meanwhile.
      const current = await manager.findOne(ExecutionEntity, {
        where: { id: execution.id },
        select: { id: true, status: true },
      });
      if (!current || !(STARTABLE as readonly string[]).includes(current.status)) return 'gone';
      if (await this.mustWait(manager, execution, limits)) return 'held';
      return (await this.markRunning(manager, execution.id)) ? 'started' : 'gone';
    });
  }

  private async mustWait(
    manager: EntityManager,
    execution: Candidate,
    limits: FlowLimits,
  ): Promise<boolean> {
    if (execution.orderingKey !== null) {
      // Compared in SQL: created_at has microseconds, a JavaScript Date only milliseconds.
      const [ahead] = await manager.query(
        `SELECT 1 FROM hookflow.executions me JOIN hookflow.executions other
             ON other.flow_id = me.flow_id AND other.ordering_key = me.ordering_key
          WHERE me.id = $1 AND other.id <> me.id AND other.ordering_key IS NOT NULL
            AND NOT other.dry_run AND other.status IN ('queued', 'running', 'waiting')
            AND (other.status <> 'queued'
              OR (me.status = 'queued' AND (other.created_at, other.id) < (me.created_at, me.id)))
          LIMIT 1`,
        [execution.id],
      );
      if (ahead) return true;
    }
    if (limits.concurrency === undefined) return false;
    const [{ running }] = await manager.query(
      `SELECT count(*)::int AS running FROM hookflow.executions
        WHERE flow_id = $1 AND status = 'running' AND id <> $2 AND NOT dry_run`,
      [execution.flowId, execution.id],
    );
    return running >= limits.concurrency;
  }

  private async markRunning(manager: EntityManager, id: string): Promise<boolean> {
    const result = await manager.update(
      ExecutionEntity,
      { id, status: In([...STARTABLE]) },
      { status: 'running', startedAt: () => 'COALESCE(started_at, now())' },
    );
    return (result.affected ?? 0) > 0;
  }
}
