import { parentPort, workerData } from 'node:worker_threads';
// Only the evaluator, not the whole shared package: a replacement thread starts sooner.
import {
  compileCached,
  ExpressionError,
  type ExpressionCache,
  type ExpressionContext,
  type ExpressionLimits,
} from '@hookflow/shared/dist/expressions/index.js';

/** What a thread is started with; `progress` holds the index of the template being evaluated. */
export interface WorkerSetup {
  limits: ExpressionLimits;
  progress: SharedArrayBuffer;
}

export interface EvaluationJob {
  templates: readonly string[];
  context: ExpressionContext;
}

export type EvaluationReply =
  { values: unknown[] } | { failed: { index: number; message: string; position: number } };

// Runs in a worker thread: evaluates one job at a time, templates in order, and stops at the
// first failure. The pool stops the whole thread when a job runs over its time.
const port = parentPort!;
const { limits, progress } = workerData as WorkerSetup;
const current = new Int32Array(progress);
const MAX_CACHED = 1000;
const cache: ExpressionCache = new Map();

// Every failure is caught inside and answered as `failed`, so the promise never rejects.
port.on('message', (job: EvaluationJob) => void evaluate(job));

async function evaluate({ templates, context }: EvaluationJob): Promise<void> {
  const values: unknown[] = [];
  for (const [index, template] of templates.entries()) {
    Atomics.store(current, 0, index);
    try {
      if (cache.size >= MAX_CACHED) cache.clear();
      values.push(await compileCached(template, cache, limits)(context));
    } catch (error) {
      const { message, position } =
        error instanceof ExpressionError ? error : { message: String(error), position: 0 };
      port.postMessage({ failed: { index, message, position } } satisfies EvaluationReply);
      return;
    }
  }
  port.postMessage({ values } satisfies EvaluationReply);
}
port.postMessage('ready');
