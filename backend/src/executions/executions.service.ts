import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  getNodeDescription,
  isTriggerType,
  type Execution,
  type ExecutionReplay,
  type ExecutionSummary,
  type ListExecutionsQuery,
  type Page,
  type RetryFrom,
  type RunAttempt,
  type RunFlowBody,
  type TriggerRequestContext,
} from '@hookflow/shared';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { evaluateOrderingKey, flowLimitsOf, FlowGraph, resumeFrom } from '../engine/index.js';
import { ExpressionPool } from '../expressions/expression-pool.js';
import { refuseInvalidDraft } from '../flows/draft-issues.js';
import { FlowsService } from '../flows/flows.service.js';
import { FlowEntity } from '../flows/flow.entity.js';
import { scheduledRunKey, scheduledTriggerBody } from '../schedules/schedule-planner.js';
import { ExecutionEventBus, runCreated } from './execution-events.js';
import { ExecutionQueue } from './execution-queue.js';
import { ExecutionStore } from './execution-store.js';
import { listExecutions } from './execution-list.js';
import {
  pollItemId,
  sourceOf,
  toExecutionSummary,
  toStepRun,
  triggerSummary,
} from './execution-summary.js';
import { ExecutionEntity, type ExecutionMode } from './execution.entity.js';
import { RunAttemptEntity } from './run-attempt.entity.js';
import { StepRunEntity } from './step-run.entity.js';

export interface StartExecution {
  /** Chosen by the caller when it must know the id before the row exists (the trigger ingress). */
  id?: string;
  flow: FlowEntity;
  version: number | null;
  mode: ExecutionMode;
  trigger: TriggerRequestContext;
  deliveryId?: string;
  dryRun?: boolean;
  replay?: ExecutionReplay;
  /** Already evaluated (the trigger ingress does it before its transaction); else `startNow` does. */
  orderingKey?: string | null;
}

const TERMINAL = ['succeeded', 'failed', 'canceled'];

/** Rolls back a scheduled run whose tick already started one. */
class TickAlreadyRun extends Error {}

@Injectable()
export class ExecutionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(ExecutionEntity) private readonly executions: Repository<ExecutionEntity>,
    @InjectRepository(StepRunEntity) private readonly steps: Repository<StepRunEntity>,
    @InjectRepository(RunAttemptEntity) private readonly attempts: Repository<RunAttemptEntity>,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(ExpressionPool) private readonly expressionPool: ExpressionPool,
    @Inject(ExecutionStore) private readonly store: ExecutionStore,
  ) {}

  /** Records the execution (inside the caller's transaction when given); enqueue after commit. */
  async create(start: StartExecution, manager?: EntityManager): Promise<string> {
    return this.store.insertExecution(
      {
        id: start.id,
        teamId: start.flow.teamId,
        flowId: start.flow.id,
        version: start.version,
        mode: start.mode,
        trigger: start.trigger,
        deliveryId: start.deliveryId,
        dryRun: start.dryRun,
        replay: start.replay,
        orderingKey: start.orderingKey,
      },
      manager,
    );
  }

  async startNow(start: StartExecution): Promise<string> {
    const orderingKey =
      start.orderingKey !== undefined ? start.orderingKey : await this.orderingKeyOf(start);
    const id = await this.create({ ...start, orderingKey });
    this.announceCreated(start, id);
    await this.queue.start(id);
    return id;
  }

  /** The ordering key the trigger of the version being run asks for. */
  private async orderingKeyOf(start: StartExecution): Promise<string | null> {
    const definition = await this.flows.runnableDefinition(start.flow, start.version);
    const trigger = definition.nodes.find((node) => isTriggerType(node.type));
    if (!trigger) return null;
    return evaluateOrderingKey(
      flowLimitsOf(trigger).orderingKey,
      start.trigger,
      start.flow,
      this.expressionPool.evaluate,
    );
  }

  /**
   * Manual run from the editor or the API, with `payload` as the trigger body: the draft unless
   * `version` says published; a dry run describes what side-effecting steps would send.
   */
  async runManually(
    teamId: string,
    flowId: string,
    { payload, version = 'draft', dryRun = false }: RunFlowBody,
  ): Promise<{ executionId: string }> {
    const flow = await this.flows.find(teamId, flowId);
    if (version === 'published' && flow.publishedVersion === null)
      throw new ConflictException(
        'This flow has no published version yet: publish it, or run the draft',
      );
    if (version === 'draft') refuseInvalidDraft(await this.flows.runnableDefinition(flow, null));
    const body = payload ?? {};
    const trigger: TriggerRequestContext = {
      method: 'POST',
      path: '(manual run)',
      headers: {},
      query: {},
      body,
      rawBody: JSON.stringify(body),
    };
    const executionId = await this.startNow({
      flow,
      version: version === 'draft' ? null : flow.publishedVersion,
      mode: 'manual',
      trigger,
      dryRun,
    });
    return { executionId };
  }

  /**
   * One run per schedule tick of a published flow. A tick re-run after a worker crash finds its
   * key claimed and starts nothing.
   */
  async startScheduled(flowId: string, tick: Date): Promise<string | undefined> {
    const flow = await this.dataSource.getRepository(FlowEntity).findOneBy({ id: flowId });
    if (!flow || flow.status !== 'published' || flow.publishedVersion === null) return undefined;
    const definition = await this.flows.runnableDefinition(flow, flow.publishedVersion);
    const timezone = String(
      definition.nodes.find((node) => node.type === 'trigger.schedule')?.config.timezone || 'UTC',
    );
    const body = scheduledTriggerBody(tick, new Date(), timezone);
    const trigger: TriggerRequestContext = {
      method: 'SCHEDULE',
      path: '(schedule)',
      headers: {},
      query: {},
      body,
      rawBody: JSON.stringify(body),
    };
    const id = await this.dataSource
      .transaction(async (manager) => {
        const executionId = await this.create(
          { flow, version: flow.publishedVersion, mode: 'schedule', trigger },
          manager,
        );
        const claimed = await manager.query(
          `INSERT INTO hookflow.delivery_dedupe (flow_id, key, delivery_id, execution_id, expires_at)
           VALUES ($1, $2, $3, $3, now() + interval '1 day') ON CONFLICT DO NOTHING RETURNING key`,
          [flow.id, scheduledRunKey(flow.id, tick), executionId],
        );
        if (!claimed.length) throw new TickAlreadyRun();
        return executionId;
      })
      .catch((error: unknown) => {
        if (error instanceof TickAlreadyRun) return undefined;
        throw error;
      });
    if (id) {
      this.announceCreated({ flow, mode: 'schedule' }, id);
      await this.queue.start(id);
    }
    return id;
  }

  private announceCreated(
    start: Pick<StartExecution, 'flow' | 'mode' | 'replay' | 'dryRun'>,
    id: string,
  ) {
    const source = sourceOf({
      mode: start.mode,
      dryRun: !!start.dryRun,
      replay: start.replay ?? null,
    });
    this.events.announce([runCreated(start.flow.teamId, start.flow.id, id, source)]);
  }

  async get(teamId: string, id: string): Promise<Execution> {
    const row = await this.find(teamId, id);
    const [steps, earlier, names] = await Promise.all([
      this.steps.find({ where: { executionId: id }, order: { startedAt: 'ASC' } }),
      this.attempts.find({ where: { executionId: id }, order: { attempt: 'ASC' } }),
      this.stepNames(row),
    ]);
    const summary = this.summary(row);
    const current = steps.map((step) => toStepRun(step, names(step.nodeId, step.nodeType)));
    const attempts: RunAttempt[] = [
      ...earlier.map((attempt) => ({
        attempt: attempt.attempt,
        status: attempt.status,
        error: attempt.error,
        startedFrom: attempt.startedFrom,
        startedAt: attempt.startedAt?.toISOString() ?? null,
        finishedAt: attempt.finishedAt?.toISOString() ?? null,
        steps: attempt.steps,
      })),
      {
        attempt: row.attempt,
        status: row.status,
        error: row.error,
        startedFrom: row.retriedFrom,
        startedAt: summary.startedAt,
        finishedAt: summary.finishedAt,
        steps: current,
      },
    ];
    return { ...summary, trigger: row.trigger, steps: current, attempts };
  }

  /**
   * Names steps by their node's label in the version that ran, else the type's title (a node
   * since removed from the draft), else the node id.
   */
  private async stepNames(
    row: ExecutionEntity,
  ): Promise<(nodeId: string, nodeType: string) => string> {
    const flow = await this.dataSource.getRepository(FlowEntity).findOneBy({ id: row.flowId });
    const definition = flow ? await this.flows.runnableDefinition(flow, row.version) : undefined;
    const labels = new Map(definition?.nodes.map((node) => [node.id, node.name]));
    return (nodeId, nodeType) =>
      labels.get(nodeId) || getNodeDescription(nodeType)?.title || nodeId;
  }

  list(teamId: string, query: ListExecutionsQuery): Promise<Page<ExecutionSummary>> {
    return listExecutions(this.dataSource, teamId, query);
  }

  /**
   * Runs a finished execution again, from its failed step (keeping what succeeded) or from the
   * start, as a new attempt: in one transaction the attempt that ended is copied to
   * `run_attempts` (status, error, timings, its steps as shown), the steps to run again are
   * dropped and the execution starts over as queued with a fresh start time. The runner's own
   * writes stay as they were; a crash before the queue add leaves a queued, never-started run,
   * which the stuck-run sweeper starts.
   */
  async retry(teamId: string, id: string, from: RetryFrom): Promise<Execution> {
    const previous = await this.get(teamId, id);
    if (!TERMINAL.includes(previous.status)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `Execution is ${previous.status}; only finished executions can be retried`,
      });
    }
    const row = await this.find(teamId, id);
    const flow = await this.flows.find(teamId, row.flowId);
    const graph = FlowGraph.from(await this.flows.runnableDefinition(flow, row.version));
    const steps = await this.steps.findBy({ executionId: id });
    const states = Object.fromEntries(
      steps.map((step) => [
        step.nodeId,
        { status: step.status, handle: step.handle ?? undefined, stop: step.stopped },
      ]),
    );
    const kept = resumeFrom(graph, states, from);
    const dropped = steps.filter((step) => !(step.nodeId in kept)).map((step) => step.id);
    const retried = await this.dataSource.transaction(async (manager) => {
      // Only the finished attempt that was read is retried: of two retries at once, the one that
      // reads after the other's commit finds a newer attempt (or no finished one) and moves nothing.
      const moved = await manager
        .createQueryBuilder()
        .update(ExecutionEntity)
        .set({
          status: 'queued',
          error: null,
          startedAt: null,
          finishedAt: null,
          response: null,
          attempt: row.attempt + 1,
          retriedFrom: from,
          failedAttempts: row.failedAttempts + (row.status === 'failed' ? 1 : 0),
        })
        .where('id = :id AND attempt = :attempt AND status IN (:...finished)', {
          id,
          attempt: previous.attempt,
          finished: TERMINAL,
        })
        .execute();
      if (!moved.affected) return false;
      await manager.query(
        `INSERT INTO hookflow.run_attempts
           (execution_id, attempt, status, error, started_from, started_at, finished_at, steps)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          row.attempt,
          row.status,
          row.error,
          row.retriedFrom,
          row.startedAt,
          row.finishedAt,
          // The steps as the run view showed them, names included.
          JSON.stringify(previous.steps),
        ],
      );
      if (dropped.length) await manager.delete(StepRunEntity, { id: In(dropped) });
      return true;
    });
    if (!retried) {
      throw new ConflictException('This run was retried or changed meanwhile: reload it');
    }
    await this.queue.continueLater(id, 0, `retry-${from}`);
    await this.events.publish({ executionId: id, kind: 'status' });
    return this.get(teamId, id);
  }

  async cancel(teamId: string, id: string): Promise<Execution> {
    const row = await this.find(teamId, id);
    if (!TERMINAL.includes(row.status)) {
      await this.executions.update({ id }, { status: 'canceled', finishedAt: new Date() });
      await this.events.publish({
        executionId: id,
        kind: 'cancel',
        team: {
          teamId,
          event: {
            type: 'execution.finished',
            executionId: id,
            flowId: row.flowId,
            status: 'canceled',
          },
        },
      });
    }
    return this.get(teamId, id);
  }

  async find(teamId: string, id: string): Promise<ExecutionEntity> {
    const row = await this.executions.findOneBy({ id, teamId });
    if (!row) throw new NotFoundException('Execution not found');
    return row;
  }

  summary(row: ExecutionEntity): ExecutionSummary {
    const { trigger } = row;
    const itemId = row.mode === 'poll' ? pollItemId(trigger.body) : null;
    return toExecutionSummary(row, triggerSummary(trigger.method, trigger.rawBody ?? '', itemId));
  }
}
