import { Inject, Injectable } from '@nestjs/common';
import {
  getNodeDescription,
  type ExpressionContext,
  type FlowNode,
  type StepError,
  type TemplateEvaluator,
  redactValue,
} from '@hookflow/shared';
import { DataSource, In, Repository } from 'typeorm';
import { CredentialsService } from '../credentials/credentials.service.js';
import {
  asStepFailure,
  credentialIdOf,
  decideRetry,
  FlowGraph,
  flowLimitsOf,
  planNextSteps,
  redactSecrets,
  resolveStepConfig,
  retryPolicyFor,
  type NodeHandler,
  type NodeServices,
  type StepStates,
} from '../engine/index.js';
import { jsonRow } from '../common/row.js';
import { DURABLE_COMMIT } from '../database/data-source-options.js';
import { ExpressionPool } from '../expressions/expression-pool.js';
import { FlowEntity } from '../flows/flow.entity.js';
import { FlowsService } from '../flows/flows.service.js';
import { ExecutionAdmission, ExecutionHeld } from './execution-admission.js';
import { ExecutionEventBus } from './execution-events.js';
import { ExecutionQueue } from './execution-queue.js';
import { ExecutionEntity } from './execution.entity.js';
import { StepRunEntity } from './step-run.entity.js';

export const NODE_HANDLERS = Symbol('NODE_HANDLERS');
export const NODE_SERVICES = Symbol('NODE_SERVICES');

interface PreparedFlow {
  graph: FlowGraph;
  expressions: TemplateEvaluator;
}

const FINISHED = ['succeeded', 'failed', 'canceled'];

/** What a job needs to advance a run; `flow` is null once the flow was deleted. */
type RunToAdvance = ExecutionEntity & { flow: FlowEntity | null; steps: StepRunEntity[] };
const MAX_PREPARED = 500;

/**
 * Moves one execution forward as far as it can go (docs/architecture.md §3, §4). Every step's state is written
 * before the next is planned, so a worker killed mid-run resumes from the last completed step:
 * the job runs again, finished steps are read back, and only the interrupted one runs again.
 */
@Injectable()
export class ExecutionRunner {
  private readonly prepared = new Map<string, PreparedFlow>();
  private readonly handlers: Map<string, NodeHandler>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(CredentialsService) private readonly credentials: CredentialsService,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(ExecutionAdmission) private readonly admission: ExecutionAdmission,
    @Inject(NODE_HANDLERS) handlers: NodeHandler[],
    @Inject(NODE_SERVICES) private readonly services: NodeServices,
    @Inject(ExpressionPool) private readonly expressionPool: ExpressionPool,
  ) {
    this.handlers = new Map(handlers.map((handler) => [handler.description.type, handler]));
  }

  private get executions(): Repository<ExecutionEntity> {
    return this.dataSource.getRepository(ExecutionEntity);
  }

  private get steps(): Repository<StepRunEntity> {
    return this.dataSource.getRepository(StepRunEntity);
  }

  async advance(executionId: string): Promise<void> {
    const execution = await this.readExecution(executionId);
    if (!execution || FINISHED.includes(execution.status)) return;
    const { flow } = execution;
    if (!flow) return this.finish(execution, 'failed', 'The flow was deleted');
    const { graph, expressions } = await this.prepare(flow, execution.version);
    if (execution.status !== 'running') {
      // The flow's concurrency limit and ordering keys decide whether it may start now.
      const admission = await this.admission.start(execution, flowLimitsOf(graph.trigger));
      if (admission === 'held') throw new ExecutionHeld(executionId);
      if (admission === 'gone') return;
      await this.events.publish({ executionId, kind: 'status' });
    }

    const abort = new AbortController();
    const unsubscribe = this.events.subscribe(
      executionId,
      (signal) => signal.kind === 'cancel' && abort.abort(),
    );
    try {
      // The first turn uses the steps read with the execution; later turns read them again.
      let known: StepRunEntity[] | undefined = execution.steps;
      for (;;) {
        if (abort.signal.aborted) return;
        const rows = known ?? (await this.readProgress(executionId));
        known = undefined;
        if (!rows) return;
        const due = await this.settleDueWaits(rows);
        const states = statesOf(due);
        const plan = planNextSteps(graph, states);
        if (plan.skip.length) await this.recordSkips(execution, graph, plan.skip);
        if (plan.failed) return this.finish(execution, 'failed', failureSummary(due));
        if (plan.finished) return this.finish(execution, 'succeeded', null);
        if (!plan.ready.length) return this.waitForNextResume(executionId, due);
        const context = contextOf(execution, flow, due);
        await Promise.all(
          plan.ready.map((nodeId) =>
            this.runStep(execution, graph.node(nodeId), due, context, expressions, abort.signal),
          ),
        );
      }
    } finally {
      unsubscribe();
    }
  }

  private async runStep(
    execution: ExecutionEntity,
    node: FlowNode,
    rows: StepRunEntity[],
    context: ExpressionContext,
    expressions: TemplateEvaluator,
    signal: AbortSignal,
  ): Promise<void> {
    const description = getNodeDescription(node.type);
    const handler = this.handlers.get(node.type);
    const previous = rows.find((row) => row.nodeId === node.id);
    // A retry after backoff counts a new attempt; a step interrupted by a crash repeats its attempt.
    const attempt = previous ? previous.attempt + (previous.waitKind === 'retry' ? 1 : 0) : 1;
    const started: Partial<StepRunEntity> = {
      status: 'running',
      attempt,
      startedAt: new Date(),
      finishedAt: null,
      error: null,
      waitKind: null,
      resumeAt: null,
    };
    const record = (outcome: Partial<StepRunEntity>) =>
      this.saveStep(execution.id, node, { ...started, ...outcome });
    // Steps that call out record "running" first, so the editor shows them at work. Triggers,
    // logic and transforms only compute: their one write is the outcome (a crash just redoes them).
    if (description?.category === 'action' || description?.category === 'integration') {
      await record({});
      await this.events.publish({ executionId: execution.id, kind: 'step' });
    }

    let input: Record<string, unknown> | null = null;
    try {
      if (!description || !handler) throw new Error(`No handler for node type ${node.type}`);
      const config = await resolveStepConfig(node, description, expressions, {
        ...context,
        execution: { id: execution.id, attempt },
      });
      input = redactSecrets(config, description);
      const credentialId = credentialIdOf(config, description);
      const credential = credentialId
        ? await this.credentials.reveal(execution.teamId, credentialId)
        : undefined;
      const result = await handler.run({
        config,
        credential,
        context: { ...context, execution: { id: execution.id, attempt } },
        step: { executionId: execution.id, nodeId: node.id, attempt, dryRun: execution.dryRun },
        signal,
        services: this.services,
      });
      if (result.respond) await this.recordResponse(execution.id, result.respond);
      const waiting = result.resumeAt && result.resumeAt.getTime() > Date.now();
      await record({
        status: waiting ? 'waiting' : 'succeeded',
        input,
        // A dry run's output describes the calls it did not make: shown, so redacted.
        output: execution.dryRun ? redactValue(result.output) : result.output,
        handle: result.handle ?? null,
        stopped: result.stop ?? false,
        waitKind: waiting ? 'delay' : null,
        resumeAt: waiting ? result.resumeAt! : null,
        finishedAt: waiting ? null : new Date(),
      });
    } catch (thrown) {
      const failure = asStepFailure(thrown);
      const decision = decideRetry(retryPolicyFor(node, description?.retry), attempt, failure);
      const error: StepError = {
        message: failure.message,
        code: failure.code,
        retryable: failure.retryable,
      };
      await record(
        decision.retry
          ? {
              status: 'waiting',
              input,
              error,
              waitKind: 'retry',
              resumeAt: new Date(Date.now() + decision.delayMs),
            }
          : { status: 'failed', input, error, finishedAt: new Date() },
      );
    }
    await this.events.publish({ executionId: execution.id, kind: 'step' });
  }

  /** Delays that are over complete their step; backoffs that are over let the step run again. */
  private async settleDueWaits(rows: StepRunEntity[]): Promise<StepRunEntity[]> {
    const now = Date.now();
    const due = rows.filter(
      (row) => row.status === 'waiting' && row.resumeAt && row.resumeAt.getTime() <= now,
    );
    const delays = due.filter((row) => row.waitKind === 'delay').map((row) => row.id);
    if (delays.length)
      await this.steps.update(
        { id: In(delays) },
        { status: 'succeeded', finishedAt: new Date(), resumeAt: null },
      );
    return rows.map((row) => {
      if (!due.includes(row)) return row;
      return row.waitKind === 'delay'
        ? Object.assign(row, { status: 'succeeded' })
        : Object.assign(row, { status: 'retry-due' as never });
    });
  }

  private async waitForNextResume(executionId: string, rows: StepRunEntity[]): Promise<void> {
    const next = Math.min(
      ...rows
        .filter((row) => row.status === 'waiting' && row.resumeAt)
        .map((row) => row.resumeAt!.getTime()),
    );
    await this.executions.update({ id: executionId }, { status: 'waiting' });
    await this.events.publish({ executionId, kind: 'status' });
    if (Number.isFinite(next))
      await this.queue.continueLater(executionId, next - Date.now(), 'resume');
  }

  private async recordSkips(
    execution: ExecutionEntity,
    graph: FlowGraph,
    nodeIds: string[],
  ): Promise<void> {
    for (const nodeId of nodeIds) {
      await this.saveStep(execution.id, graph.node(nodeId), {
        status: 'skipped',
        attempt: 0,
        finishedAt: new Date(),
      });
    }
    await this.events.publish({ executionId: execution.id, kind: 'step' });
  }

  private async recordResponse(
    executionId: string,
    response: NonNullable<ExecutionEntity['response']>,
  ): Promise<void> {
    // The first webhook.respond wins; a sync caller is answered once.
    await this.dataSource.query(
      `UPDATE hookflow.executions SET response = $2 WHERE id = $1 AND response IS NULL`,
      [executionId, JSON.stringify(response)],
    );
    await this.events.publish({ executionId, kind: 'respond' });
  }

  private async finish(
    execution: ExecutionEntity,
    status: 'succeeded' | 'failed',
    error: string | null,
  ): Promise<void> {
    // Durable even in a worker that commits step progress asynchronously, and with it every
    // step the run wrote before (see DatabaseTuning).
    await this.dataSource.query(
      `UPDATE hookflow.executions SET status = $2, error = $3, finished_at = now()
        WHERE id = $1 AND status <> 'canceled' AND ${DURABLE_COMMIT}`,
      [execution.id, status, error],
    );
    await this.events.publish({ executionId: execution.id, kind: 'status' });
  }

  /** The execution with its flow and its steps so far, in one query; a canceled run reads as none. */
  private async readExecution(executionId: string): Promise<RunToAdvance | undefined> {
    const found = (await this.executions
      .createQueryBuilder('execution')
      .leftJoinAndMapOne('execution.flow', FlowEntity, 'flow', 'flow.id = execution.flowId')
      .leftJoinAndMapMany(
        'execution.steps',
        StepRunEntity,
        'step',
        'step.executionId = execution.id',
      )
      .where('execution.id = :executionId', { executionId })
      .getOne()) as RunToAdvance | null;
    return found && found.status !== 'canceled' ? found : undefined;
  }

  /**
   * The steps so far between two turns, or undefined once the run was canceled. Read on every
   * turn of every run, so plain SQL whose aliases already give the entity's shape.
   */
  private async readProgress(executionId: string): Promise<StepRunEntity[] | undefined> {
    const rows: Array<StepRunEntity & { executionStatus: string }> = await this.dataSource.query(
      `SELECT e.status AS "executionStatus", s.id, s.execution_id AS "executionId",
              s.node_id AS "nodeId", s.node_type AS "nodeType", s.status, s.attempt, s.input,
              s.output, s.error, s.handle, s.stopped, s.wait_kind AS "waitKind",
              s.resume_at AS "resumeAt", s.started_at AS "startedAt", s.finished_at AS "finishedAt"
         FROM hookflow.executions e LEFT JOIN hookflow.step_runs s ON s.execution_id = e.id
        WHERE e.id = $1`,
      [executionId],
    );
    if (!rows.length || rows[0].executionStatus === 'canceled') return undefined;
    return rows
      .filter((row) => row.id !== null)
      .map(({ executionStatus: _status, ...step }) => step);
  }

  private async saveStep(
    executionId: string,
    node: FlowNode,
    fields: Partial<StepRunEntity>,
  ): Promise<void> {
    await this.steps.upsert(
      jsonRow<StepRunEntity>({ executionId, nodeId: node.id, nodeType: node.type, ...fields }),
      ['executionId', 'nodeId'],
    );
  }

  /** The graph and compiled expressions of a version; published versions never change. */
  private async prepare(flow: FlowEntity, version: number | null): Promise<PreparedFlow> {
    const key =
      version === null ? `${flow.id}:draft:${flow.updatedAt.getTime()}` : `${flow.id}:${version}`;
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const prepared = {
      graph: FlowGraph.from(await this.flows.runnableDefinition(flow, version)),
      expressions: this.expressionPool.evaluate,
    };
    if (this.prepared.size >= MAX_PREPARED) this.prepared.clear();
    this.prepared.set(key, prepared);
    return prepared;
  }
}

function statesOf(rows: StepRunEntity[]): StepStates {
  const states: Record<string, StepStates[string]> = {};
  for (const row of rows) {
    // 'running' rows were interrupted (this job is the only one advancing the execution) and
    // 'retry-due' rows wait for their next attempt: both are planned again.
    if (row.status === 'running' || (row.status as string) === 'retry-due') continue;
    states[row.nodeId] = { status: row.status, handle: row.handle ?? undefined, stop: row.stopped };
  }
  return states;
}

function contextOf(
  execution: ExecutionEntity,
  flow: FlowEntity,
  rows: StepRunEntity[],
): ExpressionContext {
  const steps = Object.fromEntries(
    rows.filter((row) => row.status === 'succeeded').map((row) => [row.nodeId, row.output]),
  );
  return {
    trigger: execution.trigger,
    steps,
    execution: { id: execution.id, attempt: 1 },
    flow: { id: flow.id, name: flow.name },
    vars: {},
  };
}

function failureSummary(rows: StepRunEntity[]): string {
  const failed = rows.find((row) => row.status === 'failed');
  return failed
    ? `Step ${failed.nodeId} failed: ${failed.error?.message ?? 'unknown error'}`
    : 'A step failed';
}
