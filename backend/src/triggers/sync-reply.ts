import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ExecutionEventBus } from '../executions/execution-events.js';
import { ExecutionEntity } from '../executions/execution.entity.js';
import { jsonReply, type IngressReply } from './ingress-reply.js';

export interface PendingReply {
  /** The first `webhook.respond`, else the end of the run, else 202 with a status URL. */
  reply(): Promise<IngressReply>;
  /** The run was never recorded: stop listening. */
  cancel(): void;
}

const settled = (row: ExecutionEntity | null) =>
  !!row && (row.response !== null || ['succeeded', 'failed', 'canceled'].includes(row.status));

/**
 * `sync` trigger mode: holds the request until the run answers. Listening starts before the
 * delivery is recorded, so no signal of a fast run is missed.
 */
@Injectable()
export class SyncReplyWaiter {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  watch(teamId: string, executionId: string, timeoutMs: number): PendingReply {
    const read = () =>
      this.dataSource.getRepository(ExecutionEntity).findOneBy({ id: executionId });
    let finish: (row: ExecutionEntity | null) => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const row = new Promise<ExecutionEntity | null>((resolve) => {
      let done = false;
      finish = (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(value);
      };
    });
    const unsubscribe = this.events.subscribe(
      executionId,
      () => void read().then((r) => settled(r) && finish(r)),
    );
    return {
      cancel: () => finish(null),
      reply: async () => {
        timer = setTimeout(() => finish(null), timeoutMs);
        return this.replyFor(teamId, executionId, await row);
      },
    };
  }

  private replyFor(teamId: string, executionId: string, row: ExecutionEntity | null): IngressReply {
    if (!row)
      return jsonReply(202, {
        executionId,
        statusUrl: `${this.config.http.publicUrl}/api/teams/${teamId}/executions/${executionId}`,
      });
    if (row.response)
      return {
        status: row.response.status,
        headers: row.response.headers,
        body: row.response.body,
      };
    return row.status === 'succeeded'
      ? jsonReply(200, { executionId, status: row.status })
      : jsonReply(500, { executionId, status: row.status, error: row.error });
  }
}
