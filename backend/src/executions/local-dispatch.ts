/**
 * Embedded mode's hand-off of new runs (docs/architecture.md §3, step 5). One process owns the
 * database there, so a run's first advance starts in this process with no queue job: a job on
 * BullMQ's Postgres backend costs ~6 ms of PGlite time per run (add, claim, finish, and the idle
 * worker's looks after each wake-up), a third of what a whole delivery costs. The executions
 * table stays the record: a run this process had not finished when it stopped is found again at
 * boot (`ExecutionWorker`), and by the outbox and stuck-run sweepers. Delays, retries and
 * flow-limit holds still wait on the queue's delayed jobs.
 *
 * First in, first out, at most `concurrency` at once; an id already here is not added twice (as a
 * job id would not be).
 */
export class LocalDispatch {
  private readonly pending: string[] = [];
  private next = 0;
  /** Pending and running ids. */
  private readonly here = new Set<string>();
  private running = 0;
  private stopped = false;
  private drained?: () => void;

  constructor(
    private readonly concurrency: number,
    /** Must not throw: it settles every outcome itself (the worker hands failures to the queue). */
    private readonly advance: (executionId: string) => Promise<void>,
  ) {}

  add(executionIds: readonly string[]): void {
    for (const id of executionIds) {
      if (this.here.has(id)) continue;
      this.here.add(id);
      this.pending.push(id);
    }
    this.pump();
  }

  /** The runs waiting here or being advanced here. */
  ids(): ReadonlySet<string> {
    return this.here;
  }

  /**
   * Takes no more runs and waits for the running ones. Pending runs stay queued in the database
   * for the next boot.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.running === 0) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
  }

  private pump() {
    while (!this.stopped && this.running < this.concurrency && this.next < this.pending.length) {
      const id = this.pending[this.next++];
      if (this.next > 1024 && this.next * 2 > this.pending.length) {
        this.pending.splice(0, this.next);
        this.next = 0;
      }
      this.running++;
      void this.advance(id).finally(() => {
        this.running--;
        this.here.delete(id);
        if (this.stopped && this.running === 0) this.drained?.();
        this.pump();
      });
    }
  }
}
