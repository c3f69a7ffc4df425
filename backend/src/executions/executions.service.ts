import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  isTriggerType,
  type Execution,
  type ExecutionReplay,
  type ExecutionSummary,
  type ListExecutionsQuery,
  type Page,
  type RunFlowBody,
  type StepRun,
  type TriggerRequestContext,
} from '@hookflow/shared';
import { Brackets, DataSource, EntityManager, In, Repository } from 'typeorm';
import { evaluateOrderingKey, flowLimitsOf, FlowGraph, resumeFrom } from '../engine/index.js';
import { ExpressionPool } from '../expressions/expression-pool.js';
import { blockingIssuesOf, draftRefusal } from '../flows/draft-issues.js';
import { FlowsService } from '../flows/flows.service.js';
import { FlowEntity } from '../flows/flow.entity.js';
import { scheduledRunKey, scheduledTriggerBody } from '../schedules/schedule-planner.js';
import { isUuid } from '../common/id-param.js';
import { ExecutionEventBus } from './execution-events.js';
import { ExecutionQueue } from './execution-queue.js';
import { ExecutionStore } from './execution-store.js';
import { ExecutionEntity, type ExecutionMode } from './execution.entity.js';
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

const encodeCursor = (row: ExecutionEntity) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt);
  if (!id || !isUuid(id) || Number.isNaN(date.getTime())) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'field "cursor": not a cursor this API returned',
    });
  }
  return { createdAt: date, id };
}

export function toStepRun(row: StepRunEntity): StepRun {
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeType: row.nodeType,
    status: row.status,
    attempt: row.attempt,
    input: row.input,
    output: row.output,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ExecutionsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(ExecutionEntity) private readonly executions: Repository<ExecutionEntity>,
    @InjectRepository(StepRunEntity) private readonly steps: Repository<StepRunEntity>,
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
    if (version === 'draft') {
      const issues = blockingIssuesOf(await this.flows.runnableDefinition(flow, null));
      if (issues.length)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: draftRefusal(issues),
          issues,
        });
    }
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
    if (id) await this.queue.start(id);
    return id;
  }

  async get(teamId: string, id: string): Promise<Execution> {
    const row = await this.find(teamId, id);
    const steps = await this.steps.find({
      where: { executionId: id },
      order: { startedAt: 'ASC' },
    });
    return { ...this.summary(row), trigger: row.trigger, steps: steps.map(toStepRun) };
  }

  /** Newest first; the cursor is the last row's (created_at, id), stable under inserts. */
  async list(teamId: string, query: ListExecutionsQuery): Promise<Page<ExecutionSummary>> {
    const builder = this.executions
      .createQueryBuilder('e')
      .where('e.team_id = :teamId', { teamId });
    if (query.flowId) builder.andWhere('e.flow_id = :flowId', { flowId: query.flowId });
    if (query.status) builder.andWhere('e.status = :status', { status: query.status });
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      builder.andWhere(
        new Brackets((q) =>
          q
            .where('e.created_at < :createdAt', { createdAt })
            .orWhere('e.created_at = :createdAt AND e.id < :id', { createdAt, id }),
        ),
      );
    }
    const rows = await builder
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => this.summary(row)),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /** Runs a finished execution again, from its failed step (keeping what succeeded) or from the start. */
  async retry(teamId: string, id: string, from: 'failed' | 'start'): Promise<Execution> {
    const row = await this.find(teamId, id);
    if (!TERMINAL.includes(row.status)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `Execution is ${row.status}; only finished executions can be retried`,
      });
    }
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
    await this.dataSource.transaction(async (manager) => {
      if (dropped.length) await manager.delete(StepRunEntity, { id: In(dropped) });
      await manager.update(
        ExecutionEntity,
        { id },
        { status: 'queued', error: null, finishedAt: null, response: null },
      );
    });
    await this.queue.continueLater(id, 0, `retry-${from}`);
    await this.events.publish({ executionId: id, kind: 'status' });
    return this.get(teamId, id);
  }

  async cancel(teamId: string, id: string): Promise<Execution> {
    const row = await this.find(teamId, id);
    if (!TERMINAL.includes(row.status)) {
      await this.executions.update({ id }, { status: 'canceled', finishedAt: new Date() });
      await this.events.publish({ executionId: id, kind: 'cancel' });
    }
    return this.get(teamId, id);
  }

  async find(teamId: string, id: string): Promise<ExecutionEntity> {
    const row = await this.executions.findOneBy({ id, teamId });
    if (!row) throw new NotFoundException('Execution not found');
    return row;
  }

  summary(row: ExecutionEntity): ExecutionSummary {
    return {
      id: row.id,
      flowId: row.flowId,
      version: row.version,
      status: row.status,
      deliveryId: row.deliveryId,
      dryRun: row.dryRun,
      replay: row.replay ?? null,
      error: row.error,
      createdAt: row.createdAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }
}
