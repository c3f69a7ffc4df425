import { Inject, Injectable } from '@nestjs/common';
import { QueueConnection, type AppQueue } from '../queue/queue-connection.js';

export const EXECUTIONS_QUEUE = 'executions';

export interface AdvanceExecutionJob {
  executionId: string;
}

/**
 * Jobs that move an execution forward. The first job's id is the execution id, so enqueueing
 * twice (the outbox sweeper racing the ingress) runs it once; continuations after a delay or a
 * retry backoff get ids of their own.
 */
@Injectable()
export class ExecutionQueue {
  readonly queue: AppQueue<AdvanceExecutionJob>;

  constructor(@Inject(QueueConnection) connection: QueueConnection) {
    this.queue = connection.createQueue<AdvanceExecutionJob>(EXECUTIONS_QUEUE, {
      defaultJobOptions: {
        // Infrastructure failures (database briefly down) retry the whole advance; step
        // failures are handled by the steps' own retry policies and never fail the job.
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 3600, count: 5000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  async start(executionId: string): Promise<void> {
    await this.queue.add('advance', { executionId }, { jobId: executionId });
  }

  async continueLater(executionId: string, delayMs: number, reason: string): Promise<void> {
    await this.queue.add(
      'advance',
      { executionId },
      { jobId: `${executionId}_${reason}_${Date.now()}`, delay: Math.max(0, delayMs) },
    );
  }
}
