import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  DELIVERY_PREVIEW_BYTES,
  type Delivery,
  type DeliverySummary,
  type Page,
  type ReplayDeliveryBody,
} from '@hookflow/shared';
import { Repository } from 'typeorm';
import { ExecutionsService } from '../executions/executions.service.js';
import { refuseInvalidDraft } from '../flows/draft-issues.js';
import { FlowsService } from '../flows/flows.service.js';
import { DeliveryEntity } from './delivery.entity.js';
import { parseBody, triggerContext } from './trigger-request.js';

const PAGE_SIZE = 50;

const toSummary = (row: DeliveryEntity, preview: Buffer): DeliverySummary => ({
  id: row.id,
  flowId: row.flowId,
  mode: row.mode,
  method: row.method,
  path: row.path,
  headers: row.headers,
  query: row.query,
  bodyPreview: preview.toString('utf8'),
  bodyTruncated: row.sizeBytes > preview.length,
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

export const toDelivery = (row: DeliveryEntity): Delivery => ({
  ...toSummary(row, row.rawBody.subarray(0, DELIVERY_PREVIEW_BYTES)),
  rawBodyBase64: row.rawBody.toString('base64'),
});

// The list reads only the preview bytes from the database, never whole bodies.
const SUMMARY_COLUMNS: (keyof DeliveryEntity)[] = [
  'id',
  'flowId',
  'mode',
  'method',
  'path',
  'headers',
  'query',
  'contentType',
  'sizeBytes',
  'outcome',
  'reason',
  'verification',
  'executionId',
  'duplicateOf',
  'poll',
  'receivedAt',
];

/** The request inspector: every delivery of a flow, newest first, and replay into a version. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(ExecutionsService) private readonly executions: ExecutionsService,
  ) {}

  async list(teamId: string, flowId: string, before?: string): Promise<Page<DeliverySummary>> {
    await this.flows.find(teamId, flowId);
    const query = this.deliveries
      .createQueryBuilder('d')
      .select(SUMMARY_COLUMNS.map((column) => `d.${column}`))
      .addSelect(`substring(d.raw_body from 1 for ${DELIVERY_PREVIEW_BYTES})`, 'preview')
      .where('d.team_id = :teamId AND d.flow_id = :flowId', { teamId, flowId })
      .orderBy('d.received_at', 'DESC')
      .limit(PAGE_SIZE + 1);
    if (before) query.andWhere('d.received_at < :before', { before: new Date(before) });
    const { entities, raw } = await query.getRawAndEntities<{ preview: Buffer }>();
    const rows = entities.map((row, i) => ({ row, preview: Buffer.from(raw[i].preview ?? []) }));
    const page = rows.slice(0, PAGE_SIZE);
    return {
      items: page.map(({ row, preview }) => toSummary(row, preview)),
      nextCursor:
        rows.length > PAGE_SIZE ? page[page.length - 1].row.receivedAt.toISOString() : null,
    };
  }

  async get(teamId: string, flowId: string, id: string): Promise<Delivery> {
    return toDelivery(await this.find(teamId, flowId, id));
  }

  /**
   * Runs a recorded request again, without re-verifying it: it was verified (or shown) once. A
   * rejected request never passed, so it runs only when the caller forces it, marked as such.
   */
  async replay(
    teamId: string,
    flowId: string,
    id: string,
    { target, dryRun = false, force = false }: ReplayDeliveryBody,
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
    // Checked before the "rejected" question: no answer to it would let an invalid draft run.
    if (target === 'draft') refuseInvalidDraft(await this.flows.runnableDefinition(flow, null));
    const forced = delivery.outcome === 'rejected';
    if (forced && !force)
      throw new ConflictException(
        `This delivery was rejected (${delivery.reason ?? 'unknown reason'}): replaying runs it as if it had passed. Send "force": true to replay it anyway`,
      );
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
      replay: { deliveryId: delivery.id, forced },
    });
    return { executionId };
  }

  private async find(teamId: string, flowId: string, id: string): Promise<DeliveryEntity> {
    const row = await this.deliveries.findOneBy({ id, flowId, teamId });
    if (!row) throw new NotFoundException('Delivery not found');
    return row;
  }
}
