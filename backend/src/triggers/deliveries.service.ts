import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Delivery, Page } from '@hookflow/shared';
import { LessThan, Repository } from 'typeorm';
import { ExecutionsService } from '../executions/executions.service.js';
import { FlowsService } from '../flows/flows.service.js';
import { DeliveryEntity } from './delivery.entity.js';
import { parseBody, triggerContext } from './trigger-request.js';

const PAGE_SIZE = 50;

export const toDelivery = (row: DeliveryEntity): Delivery => ({
  id: row.id,
  flowId: row.flowId,
  mode: row.mode,
  method: row.method,
  path: row.path,
  headers: row.headers,
  query: row.query,
  rawBodyBase64: row.rawBody.toString('base64'),
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  outcome: row.outcome,
  reason: row.reason,
  verification: row.verification,
  executionId: row.executionId,
  duplicateOf: row.duplicateOf,
  poll: row.poll ?? null,
  receivedAt: row.receivedAt.toISOString(),
});

/** The request inspector: every delivery of a flow, newest first, and replay into a version. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(ExecutionsService) private readonly executions: ExecutionsService,
  ) {}

  async list(teamId: string, flowId: string, before?: string): Promise<Page<Delivery>> {
    await this.flows.find(teamId, flowId);
    const where = { teamId, flowId, ...(before ? { receivedAt: LessThan(new Date(before)) } : {}) };
    const rows = await this.deliveries.find({
      where,
      order: { receivedAt: 'DESC' },
      take: PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map(toDelivery),
      nextCursor: rows.length > PAGE_SIZE ? page[page.length - 1].receivedAt.toISOString() : null,
    };
  }

  async get(teamId: string, flowId: string, id: string): Promise<Delivery> {
    return toDelivery(await this.find(teamId, flowId, id));
  }

  /** Runs a recorded request again, without re-verifying it: it was verified (or shown) once. */
  async replay(
    teamId: string,
    flowId: string,
    id: string,
    target: 'draft' | 'published',
    dryRun = false,
  ): Promise<{ executionId: string }> {
    const flow = await this.flows.find(teamId, flowId);
    const delivery = await this.find(teamId, flowId, id);
    // A poll's body is a whole answer, not one item: "Poll now" is how to poll again.
    if (delivery.poll)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'A poll cannot be replayed; use "Poll now" to poll again',
      });
    const version = target === 'draft' ? null : flow.publishedVersion;
    if (target === 'published' && version === null)
      throw new NotFoundException('This flow has no published version to replay into');
    let body: unknown;
    try {
      body = parseBody(delivery.rawBody, delivery.contentType ?? undefined);
    } catch {
      body = delivery.rawBody.toString('utf8');
    }
    const trigger = triggerContext(
      delivery,
      delivery.rawBody,
      body,
      delivery.contentType ?? undefined,
    );
    const executionId = await this.executions.startNow({
      flow,
      version,
      mode: target === 'draft' ? 'test' : 'production',
      trigger,
      deliveryId: delivery.id,
      dryRun,
    });
    return { executionId };
  }

  private async find(teamId: string, flowId: string, id: string): Promise<DeliveryEntity> {
    const row = await this.deliveries.findOneBy({ id, flowId, teamId });
    if (!row) throw new NotFoundException('Delivery not found');
    return row;
  }
}
