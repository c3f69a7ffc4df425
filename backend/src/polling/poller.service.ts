import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { redactValue, triggerPollNode, type Delivery, type PollSummary } from '@hookflow/shared';
import { DataSource } from 'typeorm';
import { CredentialsService } from '../credentials/credentials.service.js';
import { StepFailure } from '../engine/step-failure.js';
import { ExecutionEventBus, runCreated } from '../executions/execution-events.js';
import { ExecutionQueue } from '../executions/execution-queue.js';
import { ExpressionPool } from '../expressions/expression-pool.js';
import { FlowEntity } from '../flows/flow.entity.js';
import { FlowsService } from '../flows/flows.service.js';
import { httpCredentials, type HttpCredential } from '../integrations/http/http-request.node.js';
import { checkedCredential } from '../integrations/implement-node.js';
import { toDelivery } from '../triggers/deliveries.service.js';
import { queryOf } from '../triggers/trigger-request.js';
import { keyedItems, PollItemsError } from './poll-items.js';
import { pollConfigOf, pollFingerprint, pollTriggerOf, type PollConfig } from './poll-plan.js';
import {
  answerJson,
  PollFailure,
  pollRequestOf,
  recordedHeaders,
  sendPoll,
  type PollAnswer,
  type PollRequest,
} from './poll-request.js';
import { PollStore, runsPerStatement, type PollRecord } from './poll-store.js';

/** Injection token of the guarded `fetch` polls go out through. */
export const POLL_FETCH = Symbol('POLL_FETCH');

export interface PollOutcome {
  delivery: Delivery;
  executionIds: string[];
}

/** Problems of the poll itself (config, answer, items), as opposed to infrastructure failures. */
const isPollProblem = (error: unknown) =>
  error instanceof PollFailure ||
  error instanceof PollItemsError ||
  error instanceof StepFailure ||
  error instanceof NotFoundException;

/**
 * One poll of a published trigger.poll flow: ask the API, find the items, start one run per new
 * item (oldest first), and record the poll as a delivery either way. A poll that fails (network,
 * 4xx/5xx, not JSON, no list) records why and changes nothing else, so the next tick retries.
 */
@Injectable()
export class PollerService {
  private readonly logger = new Logger('Poller');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(CredentialsService) private readonly credentials: CredentialsService,
    @Inject(ExecutionQueue) private readonly queue: ExecutionQueue,
    @Inject(ExecutionEventBus) private readonly events: ExecutionEventBus,
    @Inject(PollStore) private readonly store: PollStore,
    @Inject(POLL_FETCH) private readonly fetch: typeof globalThis.fetch,
    @Inject(ExpressionPool) private readonly expressions: ExpressionPool,
  ) {}

  /**
   * Polls the flow's published version. Undefined when the flow is gone, not published or no
   * longer starts with trigger.poll (a tick that was already on its way).
   */
  async poll(flowId: string, cause: PollSummary['cause']): Promise<PollOutcome | undefined> {
    const flow = await this.dataSource.getRepository(FlowEntity).findOneBy({ id: flowId });
    if (!flow || flow.status !== 'published' || flow.publishedVersion === null) return undefined;
    const definition = await this.flows.runnableDefinition(flow, flow.publishedVersion);
    const trigger = pollTriggerOf(definition);
    if (!trigger) return undefined;
    const config = pollConfigOf(trigger);

    const startedAt = Date.now();
    let request: PollRequest | undefined;
    let answer: PollAnswer | undefined;
    try {
      request = pollRequestOf(config, await this.credentialOf(flow.teamId, config));
      answer = await sendPoll(this.fetch, request);
      const found = await keyedItems(answerJson(answer), config, this.expressions.evaluate);
      const record = this.record(flow, cause, config, startedAt, request, answer, {
        found: found.found,
        withoutId: found.withoutId,
      });
      const committed = await this.store.commit(
        record,
        pollFingerprint(config),
        found.items,
        config.includeExisting === true,
      );
      this.events.announce(
        committed.executionIds.map((id) => runCreated(flow.teamId, flow.id, id, 'poll')),
      );
      for (let start = 0; start < committed.executionIds.length; start += runsPerStatement) {
        await this.queue.startMany(committed.executionIds.slice(start, start + runsPerStatement));
      }
      return { delivery: toDelivery(committed.delivery), executionIds: committed.executionIds };
    } catch (error) {
      if (!isPollProblem(error)) throw error;
      const message = (error as Error).message;
      answer ??= error instanceof PollFailure ? error.answer : undefined;
      const record = this.record(flow, cause, config, startedAt, request, answer, {
        error: message,
      });
      this.logger.debug(`poll of flow ${flow.id} failed: ${message}`);
      return { delivery: toDelivery(await this.store.recordFailure(record)), executionIds: [] };
    }
  }

  private async credentialOf(
    teamId: string,
    config: PollConfig,
  ): Promise<HttpCredential | undefined> {
    if (!config.credentialId) return undefined;
    const stored = await this.credentials.reveal(teamId, config.credentialId).catch((error) => {
      if (error instanceof NotFoundException)
        throw new PollFailure('credentialId: the credential was deleted; choose another one');
      throw error;
    });
    return checkedCredential(triggerPollNode, httpCredentials, stored);
  }

  private record(
    flow: FlowEntity,
    cause: PollSummary['cause'],
    config: PollConfig,
    startedAt: number,
    request: PollRequest | undefined,
    answer: PollAnswer | undefined,
    result: Partial<Pick<PollSummary, 'found' | 'withoutId' | 'error'>>,
  ): PollRecord {
    const url = request?.url ?? (URL.canParse(config.url) ? new URL(config.url) : undefined);
    const shownUrl = url ? `${url.origin}${url.pathname}` : String(config.url ?? '');
    return {
      flow,
      method: config.method,
      url: shownUrl,
      // An api_key in the query is as secret as one in a header.
      query: url ? redactValue(queryOf(url)) : {},
      headers: request ? recordedHeaders(request) : {},
      answer: answer && { text: answer.text, contentType: answer.contentType },
      summary: {
        cause,
        url: shownUrl,
        status: answer?.status ?? null,
        found: result.found ?? 0,
        withoutId: result.withoutId ?? 0,
        error: result.error ?? null,
        durationMs: Date.now() - startedAt,
      },
    };
  }
}
