import {
  compilePathTemplate,
  expressionLimits,
  failureOf,
  NEEDS_JSONATA,
  type ExpressionContext,
  type TemplateEvaluator,
} from '@hookflow/shared';
import { ExpressionThread, type ThreadLimits } from './expression-thread.js';

export interface ExpressionPoolOptions {
  workers: number;
  timeoutMs: number;
  memoryMb: number;
}

type PathReader = (context: ExpressionContext) => unknown;
const MAX_CACHED = 2000;

/**
 * Evaluates `{{ }}` templates without ever blocking this thread for long. Templates made only of
 * plain paths (`trigger.body.id`, the usual case) are read right here: no JSONata, time linear
 * in the template. Anything else goes, all of one call together, to a pool of worker threads
 * with a heap limit; a call that takes too long stops its thread and fails (see
 * ExpressionThread), while the API, the ingress and other runs go on.
 */
export class ExpressionPool {
  private readonly limits: ThreadLimits;
  private readonly readers = new Map<string, PathReader | null>();
  private readonly threads = new Set<ExpressionThread>();
  private readonly idle: ExpressionThread[] = [];
  private readonly waiting: Array<(thread: ExpressionThread) => void> = [];
  private closed = false;

  constructor(private readonly options: ExpressionPoolOptions) {
    this.limits = {
      timeoutMs: options.timeoutMs,
      memoryMb: options.memoryMb,
      expressions: { ...expressionLimits, timeoutMs: options.timeoutMs },
    };
  }

  /** The TemplateEvaluator of this pool. */
  readonly evaluate: TemplateEvaluator = async (templates, context) => {
    const values: unknown[] = [];
    const pooled: number[] = [];
    templates.forEach((template, index) => {
      const reader = this.readerOf(template);
      let value: unknown = NEEDS_JSONATA;
      try {
        if (reader) value = reader(context);
      } catch (error) {
        throw failureOf(template, error);
      }
      if (value === NEEDS_JSONATA) pooled.push(index);
      else values[index] = value;
    });
    if (pooled.length) {
      const results = await this.inThread(
        pooled.map((index) => templates[index]),
        context,
      );
      pooled.forEach((index, i) => (values[index] = results[i]));
    }
    return values;
  };

  /** Threads this pool runs now (idle or busy). */
  get size(): number {
    return this.threads.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.threads].map((thread) => thread.stop()));
    this.threads.clear();
    this.idle.length = 0;
  }

  private readerOf(template: string): PathReader | null {
    let reader = this.readers.get(template);
    if (reader === undefined) {
      if (this.readers.size >= MAX_CACHED) this.readers.clear();
      reader = compilePathTemplate(template, this.limits.expressions) ?? null;
      this.readers.set(template, reader);
    }
    return reader;
  }

  private async inThread(templates: string[], context: ExpressionContext): Promise<unknown[]> {
    const thread = await this.acquire();
    try {
      return await thread.run({ templates, context });
    } finally {
      this.release(thread);
    }
  }

  private acquire(): Promise<ExpressionThread> {
    if (this.closed) return Promise.reject(new Error('The expression pool is closed'));
    for (let thread = this.idle.pop(); thread; thread = this.idle.pop()) {
      if (!thread.dead) return Promise.resolve(thread);
      this.threads.delete(thread);
    }
    if (this.threads.size < this.options.workers) return Promise.resolve(this.start());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A dead thread is replaced at once, so the next call does not wait for a thread to start. */
  private release(thread: ExpressionThread) {
    if (this.closed) return void thread.stop();
    if (thread.dead) {
      this.threads.delete(thread);
      thread = this.start();
    }
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  private start(): ExpressionThread {
    const thread = new ExpressionThread(this.limits);
    this.threads.add(thread);
    return thread;
  }
}
