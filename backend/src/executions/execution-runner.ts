import { Inject, Injectable } from '@nestjs/common';
import {
  getNodeDescription,
  redactValue,
  type ExpressionContext,
  type FlowDefinition,
  type FlowNode,
  type StepError,
  type TemplateEvaluator,
} from '@hookflow/shared';
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
import { ExpressionPool } from '../expressions/expression-pool.js';
import { FlowsService } from '../flows/flows.service.js';
import { ExecutionAdmission, ExecutionHeld, isLimited } from './execution-admission.js';
import { ExecutionEventBus, type ExecutionSignal, type TeamSignal } from './execution-events.js';
import { ExecutionQueue } from './execution-queue.js';
import {
  ExecutionStore,
  type RunChange,
  type RunFlow,
  type RunRecord,
  type StepRow,
} from './execution-store.js';

export const NODE_HANDLERS = Symbol('NODE_HANDLERS');
export const NODE_SERVICES = Symbol('NODE_SERVICES');

interface PreparedFlow {
  graph: FlowGraph;
  expressions: TemplateEvaluator;
}

const FINISHED = ['succeeded', 'failed', 'canceled'];
const MAX_PREPARED = 500;
/** Steps that only compute: run in memory, their results go with the run's next write. */
const PURE_CATEGORIES = new Set(['trigger', 'logic', 'data']);

/**
 * One run's steps as this job knows them, and what it has not written yet. Side-effect-free
 * steps only change memory; a checkpoint writes them, together with the run's status change,
 * before the next side-effecting step starts (and that step's outcome before anything after
 * it), so what a crash can lose is always work that is safe to do again.
 */
class RunState {
  readonly rows: Map<string, StepRow>;
  private pending = new Map<string, StepRow>();
  private change: RunChange = {};
  /** A side-effecting step's outcome is among the pending rows: write it before going on. */
  mustWrite = false;
  /** The run was canceled or finished elsewhere: stop. */
  gone = false;
  private lastStart: number;

  constructor(
    readonly run: RunRecord,
    private readonly store: ExecutionStore,
    private readonly watched: () => boolean,
  ) {
    this.rows = new Map(run.steps.map((row) => [row.nodeId, row]));
    this.lastStart = Math.max(0, ...run.steps.map((row) => new Date(row.startedAt).getTime()));
  }

  /**
   * A start time after every step's so far: steps run in memory can start within one
   * millisecond, and the run's steps are listed in start order.
   */
  nextStart(): Date {
    this.lastStart = Math.max(Date.now(), this.lastStart + 1);
    return new Date(this.lastStart);
  }

  record(row: StepRow, sideEffect = false): void {
    this.rows.set(row.nodeId, row);
    this.pending.set(row.nodeId, row);
    if (sideEffect) this.mustWrite = true;
  }

  changeRun(change: RunChange): void {
    this.change = { ...this.change, ...change };
  }

  /**
   * Writes what is pending (batched with other runs' writes by the store). Live progress is
   * announced only while someone watches; `signals` are always sent. False once the run is gone.
   */
  async write(signals: ExecutionSignal['kind'][] = [], team?: TeamSignal): Promise<boolean> {
    const steps = [...this.pending.values()];
    const run = Object.keys(this.change).length ? this.change : undefined;
    this.pending = new Map();
    this.change = {};
    this.mustWrite = false;
    const kinds = new Set(signals);
    if ((steps.length || run) && this.watched()) kinds.add(run ? 'status' : 'step');
    const alive = await this.store.write(this.run.id, { steps, run, signals: [...kinds], team });
    if (!alive) this.gone = true;
    return alive;
  }
}

/**
 * Moves one execution forward as far as it can go (docs/architecture.md §3, §4). A worker killed mid-run resumes
 * from its last checkpoint: the job runs again, the steps written are read back, and only work
 * after the checkpoint runs again — a completed side-effecting step never, an interrupted one
 * with the same attempt (so the same Idempotency-Key).
 */
@Injectable()
export class ExecutionRunner {
  private readonly prepared = new Map<string, PreparedFlow>();
  private readonly handlers: Map<string, NodeHandler>;

  constructor(
    @Inject(ExecutionStore) private readonly store: ExecutionStore,
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

  async advance(executionId: string): Promise<void> {
    const run = await this.store.readRun(executionId);
    if (!run || FINISHED.includes(run.status)) return;
    const state = new RunState(run, this.store, () => this.events.isWatched(executionId));
    const { flow } = run;
    if (!flow) return this.finish(state, 'failed', 'The flow was deleted');
    const { graph, expressions } = await this.prepare(flow, run.version);
    if (run.status !== 'running') {
      const limits = flowLimitsOf(graph.trigger);
      if (isLimited(run, limits)) {
        // The flow's concurrency limit and ordering keys decide whether it may start now.
        const admission = await this.admission.start(run, limits);
        if (admission === 'held') throw new ExecutionHeld(executionId);
        if (admission === 'gone') return;
      } else {
        // Nothing to wait for: the move to running goes with the run's first write.
        state.changeRun({ start: true });
      }
    }

    const abort = new AbortController();
    const unsubscribe = this.events.subscribe(
      executionId,
      (signal) => signal.kind === 'cancel' && abort.abort(),
    );
    try {
      for (;;) {
        if (abort.signal.aborted || state.gone) return;
        settleDueWaits(state);
        const plan = planNextSteps(graph, statesOf(state.rows));
        for (const nodeId of plan.skip) state.record(skipped(run.id, graph.node(nodeId)));
        if (plan.failed) return this.finish(state, 'failed', failureSummary(graph, state.rows));
        if (plan.finished) return this.finish(state, 'succeeded', null);
        if (!plan.ready.length) return this.waitForNextResume(state);
        if (state.mustWrite && !(await state.write())) return;
        const context = contextOf(run, flow, state.rows);
        await Promise.all(
          plan.ready.map((nodeId) =>
            this.runStep(state, graph.node(nodeId), context, expressions, abort.signal),
          ),
        );
      }
    } finally {
      unsubscribe();
    }
  }

  private async runStep(
    state: RunState,
    node: FlowNode,
    context: ExpressionContext,
    expressions: TemplateEvaluator,
    signal: AbortSignal,
  ): Promise<void> {
    const { run } = state;
    const description = getNodeDescription(node.type);
    const handler = this.handlers.get(node.type);
    const previous = state.rows.get(node.id);
    // A retry after backoff counts a new attempt; a step interrupted by a crash repeats its attempt.
    const attempt = previous ? previous.attempt + (previous.waitKind === 'retry' ? 1 : 0) : 1;
    const started: StepRow = {
      ...emptyStep(run.id, node),
      status: 'running',
      attempt,
      startedAt: state.nextStart(),
    };
    const sideEffect = !PURE_CATEGORIES.has(description?.category ?? '');
    const record = (outcome: Partial<StepRow>) =>
      state.record({ ...started, ...outcome }, sideEffect);
    if (sideEffect) {
      // The checkpoint: everything computed so far, and this step as running, before it acts.
      state.record(started);
      if (!(await state.write())) return;
    }

    let input: Record<string, unknown> | null = null;
    try {
      if (!description || !handler) throw new Error(`No handler for node type ${node.type}`);
      const config = await resolveStepConfig(node, description, expressions, {
        ...context,
        execution: { id: run.id, attempt },
      });
      input = redactSecrets(config, description);
      const credentialId = credentialIdOf(config, description);
      const credential = credentialId
        ? await this.credentials.reveal(run.teamId, credentialId)
        : undefined;
      const result = await handler.run({
        config,
        credential,
        context: { ...context, execution: { id: run.id, attempt } },
        step: { executionId: run.id, nodeId: node.id, attempt, dryRun: run.dryRun },
        signal,
        services: this.services,
      });
      const waiting = result.resumeAt && result.resumeAt.getTime() > Date.now();
      record({
        status: waiting ? 'waiting' : 'succeeded',
        input,
        // A dry run's output describes the calls it did not make: shown, so redacted.
        output: run.dryRun ? redactValue(result.output) : result.output,
        handle: result.handle ?? null,
        stopped: result.stop ?? false,
        waitKind: waiting ? 'delay' : null,
        resumeAt: waiting ? result.resumeAt! : null,
        finishedAt: waiting ? null : new Date(),
      });
      if (result.respond) {
        // The first webhook.respond wins; a sync caller waits for it, so it is written now.
        state.changeRun({ response: result.respond });
        await state.write(['respond']);
      }
    } catch (thrown) {
      const failure = asStepFailure(thrown);
      const decision = decideRetry(retryPolicyFor(node, description?.retry), attempt, failure);
      const error: StepError = {
        message: failure.message,
        code: failure.code,
        retryable: failure.retryable,
      };
      record(
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
  }

  private async waitForNextResume(state: RunState): Promise<void> {
    const next = Math.min(
      ...[...state.rows.values()]
        .filter((row) => row.status === 'waiting' && row.resumeAt)
        .map((row) => row.resumeAt!.getTime()),
    );
    state.changeRun({ status: 'waiting' });
    if (!(await state.write())) return;
    if (Number.isFinite(next))
      await this.queue.continueLater(state.run.id, next - Date.now(), 'resume');
  }

  /**
   * The final status, with every step not written yet, in one write that commits durably even
   * in a worker that commits step progress asynchronously (see DatabaseTuning).
   */
  private async finish(
    state: RunState,
    status: 'succeeded' | 'failed',
    error: string | null,
  ): Promise<void> {
    state.changeRun({ status, finish: true, error });
    const { id: executionId, teamId, flowId } = state.run;
    await state.write(['status'], {
      teamId,
      event: { type: 'execution.finished', executionId, flowId, status },
    });
  }

  /** The graph and compiled expressions of a version; published versions never change. */
  private async prepare(flow: RunFlow, version: number | null): Promise<PreparedFlow> {
    const key =
      version === null ? `${flow.id}:draft:${flow.updatedAt.getTime()}` : `${flow.id}:${version}`;
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const prepared = {
      graph: FlowGraph.from(
        await this.flows.runnableDefinition(
          { ...flow, definition: flow.definition as FlowDefinition },
          version,
        ),
      ),
      expressions: this.expressionPool.evaluate,
    };
    if (this.prepared.size >= MAX_PREPARED) this.prepared.clear();
    this.prepared.set(key, prepared);
    return prepared;
  }
}

function emptyStep(executionId: string, node: FlowNode): StepRow {
  return {
    executionId,
    nodeId: node.id,
    nodeType: node.type,
    status: 'running',
    attempt: 1,
    input: null,
    output: null,
    error: null,
    handle: null,
    stopped: false,
    waitKind: null,
    resumeAt: null,
    startedAt: new Date(),
    finishedAt: null,
  };
}

function skipped(executionId: string, node: FlowNode): StepRow {
  return { ...emptyStep(executionId, node), status: 'skipped', attempt: 0, finishedAt: new Date() };
}

/** Delays that are over complete their step; backoffs that are over let the step run again. */
function settleDueWaits(state: RunState): void {
  const now = Date.now();
  for (const row of state.rows.values()) {
    if (row.status !== 'waiting' || !row.resumeAt || row.resumeAt.getTime() > now) continue;
    if (row.waitKind === 'delay')
      state.record({ ...row, status: 'succeeded', finishedAt: new Date(), resumeAt: null });
    // Planned again; never written (the step's next attempt writes its own row).
    else state.rows.set(row.nodeId, { ...row, status: 'retry-due' as never });
  }
}

function statesOf(rows: Map<string, StepRow>): StepStates {
  const states: Record<string, StepStates[string]> = {};
  for (const row of rows.values()) {
    // 'running' rows were interrupted (this job is the only one advancing the execution) and
    // 'retry-due' rows wait for their next attempt: both are planned again.
    if (row.status === 'running' || (row.status as string) === 'retry-due') continue;
    states[row.nodeId] = { status: row.status, handle: row.handle ?? undefined, stop: row.stopped };
  }
  return states;
}

function contextOf(run: RunRecord, flow: RunFlow, rows: Map<string, StepRow>): ExpressionContext {
  const steps: Record<string, unknown> = {};
  for (const row of rows.values()) if (row.status === 'succeeded') steps[row.nodeId] = row.output;
  return {
    trigger: run.trigger,
    steps,
    execution: { id: run.id, attempt: 1 },
    flow: { id: flow.id, name: flow.name },
    vars: {},
  };
}

/**
 * `Step "Call API" failed: …`, named as the editor shows the node (its label, else its type's
 * title); a message that already names the step (a config error) is used as it is.
 */
function failureSummary(graph: FlowGraph, rows: Map<string, StepRow>): string {
  const failed = [...rows.values()].find((row) => row.status === 'failed');
  if (!failed) return 'A step failed';
  const node = graph.has(failed.nodeId) ? graph.node(failed.nodeId) : undefined;
  const name = node?.name || getNodeDescription(failed.nodeType)?.title || failed.nodeId;
  const message = failed.error?.message ?? 'unknown error';
  return message.startsWith(`Step "${name}"`) ? message : `Step "${name}" failed: ${message}`;
}
