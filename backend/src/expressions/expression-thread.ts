import { Worker } from 'node:worker_threads';
import { ExpressionError, type ExpressionLimits } from '@hookflow/shared';
import type { EvaluationJob, EvaluationReply, WorkerSetup } from './expression-worker.js';

export interface ThreadLimits {
  timeoutMs: number;
  memoryMb: number;
  expressions: ExpressionLimits;
}

// Under Jest the backend runs from its TypeScript source; the thread then needs the same
// on-the-fly compilation, which the test support registers.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(`./expression-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
const EXEC_ARGV = fromSource
  ? ['--import', new URL('../test-support/typescript-loader.mjs', import.meta.url).href]
  : [];

const shown = (template: string) =>
  template.length > 200 ? `${template.slice(0, 200)}…` : template;

/**
 * One worker thread evaluating one job at a time, with a heap limit. A job that runs over its
 * time stops the thread (the only way to interrupt a single long built-in); a thread that ran
 * out of memory or crashed is dead too. Either way the job fails with an ExpressionError naming
 * the template it was on, and the pool starts another thread.
 */
export class ExpressionThread {
  dead = false;
  private readonly worker: Worker;
  private readonly current: Int32Array;
  private readonly ready: Promise<void>;
  private job?: {
    templates: readonly string[];
    resolve: (values: unknown[]) => void;
    reject: (error: unknown) => void;
  };

  constructor(private readonly limits: ThreadLimits) {
    const progress = new SharedArrayBuffer(4);
    this.current = new Int32Array(progress);
    this.worker = new Worker(WORKER_FILE, {
      workerData: { limits: limits.expressions, progress } satisfies WorkerSetup,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
      execArgv: EXEC_ARGV,
    });
    // An idle thread never keeps the process alive.
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`Expression thread exited (${code})`)));
    });
    this.ready.catch(() => undefined);
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.end(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `Expression needed more than ${limits.memoryMb} MB of memory`
          : `Expression evaluation stopped unexpectedly (${error.message})`,
      ),
    );
    this.worker.on('exit', () => this.end('Expression evaluation stopped unexpectedly'));
  }

  async run(job: EvaluationJob): Promise<unknown[]> {
    await this.ready;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.end(`Expression took longer than ${this.limits.timeoutMs} ms`);
        void this.worker.terminate();
      }, this.limits.timeoutMs);
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          this.worker.off('message', onReply);
          this.job = undefined;
          done(value);
        };
      this.job = { templates: job.templates, resolve: settle(resolve), reject: settle(reject) };
      const onReply = (reply: EvaluationReply) => {
        if ('values' in reply) return this.job?.resolve(reply.values);
        const template = job.templates[reply.failed.index];
        this.job?.reject(
          new ExpressionError(reply.failed.message, reply.failed.position, template),
        );
      };
      this.worker.on('message', onReply);
      try {
        this.worker.postMessage(job);
      } catch (error) {
        // A context that cannot be copied to the thread (not JSON): the thread itself is fine.
        this.job.reject(error);
      }
    });
  }

  stop(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }

  /** The thread is gone: the job it was running fails on the template it had reached. */
  private end(reason: string) {
    this.dead = true;
    const job = this.job;
    if (!job) return;
    const template = job.templates[Atomics.load(this.current, 0)] ?? job.templates[0];
    job.reject(new ExpressionError(`${reason} in ${shown(template)}`, 0, template));
  }
}
