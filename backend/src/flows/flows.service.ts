import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  createDefaultDefinition,
  type CreateFlowBody,
  type ExecutionStatus,
  type FlowDefinition,
  type FlowInfo,
  type FlowIssue,
  type FlowSummary,
  type FlowVersion,
  type FlowVersionSummary,
  type FlowView,
  type PublishFlowResponse,
  type UpdateFlowBody,
} from '@hookflow/shared';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { UserEntity } from '../auth/user.entity.js';
import { jsonRow } from '../common/row.js';
import { APP_SCHEMA } from '../database/data-source-options.js';
import { badRequest } from '../common/validated-body.js';
import { SecretBox } from '../credentials/secret-box.js';
import { nextRunTimes, ScheduleConfigError } from '../schedules/next-runs.js';
import { schedulePlanFor } from '../schedules/schedule-planner.js';
import { SchedulesService } from '../schedules/schedules.service.js';
import { pollIssues, pollTimingFor } from '../polling/poll-plan.js';
import { PollScheduler } from '../polling/poll-scheduler.service.js';
import { issuesOf } from './draft-issues.js';
import { FlowVersionEntity } from './flow-version.entity.js';
import { FlowChanges } from './flow-changes.js';
import { FlowEntity } from './flow.entity.js';
import { maskSecrets, revealSecrets, sealSecrets } from './flow-secrets.js';
import { retireTriggerKey } from './retired-trigger-keys.js';

/** 256 random bits, URL-safe: trigger URLs are bearer secrets of their own. */
const newTriggerKey = () => randomBytes(32).toString('base64url');

interface RunActivityRow {
  flowId: string;
  lastRunId: string | null;
  lastRunStatus: ExecutionStatus | null;
  lastRunAt: Date | null;
  runsLast24h: number;
}

interface VersionRow {
  version: number;
  publishedAt: Date;
  publisherId: string | null;
  publisherName: string | null;
}

const versionSummary = (row: VersionRow): FlowVersionSummary => ({
  version: row.version,
  publishedAt: row.publishedAt.toISOString(),
  publishedBy:
    row.publisherId && row.publisherName !== null
      ? { userId: row.publisherId, name: row.publisherName }
      : null,
});

/** A schedule trigger's cron and time zone must parse before it can be published. */
function scheduleIssues(definition: FlowDefinition): FlowIssue[] {
  const trigger = definition.nodes.find((node) => node.type === 'trigger.schedule');
  if (!trigger) return [];
  const { cron, timezone } = trigger.config as { cron?: string; timezone?: string };
  try {
    nextRunTimes(cron ?? '', timezone || 'UTC', 1);
    return [];
  } catch (error) {
    if (!(error instanceof ScheduleConfigError)) throw error;
    return [
      {
        nodeId: trigger.id,
        field: error.field,
        message: `Node "${trigger.name}" (${trigger.id}): ${error.message}`,
      },
    ];
  }
}

@Injectable()
export class FlowsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectRepository(FlowEntity) private readonly flows: Repository<FlowEntity>,
    @Inject(SecretBox) private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SchedulesService) private readonly schedules: SchedulesService,
    @Inject(FlowChanges) private readonly changes: FlowChanges,
    @Inject(PollScheduler) private readonly polls: PollScheduler,
  ) {}

  async list(teamId: string): Promise<FlowSummary[]> {
    const rows = await this.flows.find({ where: { teamId }, order: { updatedAt: 'DESC' } });
    const ids = rows.map((row) => row.id);
    const [activity, changed] = await Promise.all([
      this.runActivity(ids),
      this.withUnpublishedChanges(rows),
    ]);
    return rows.map((row) => {
      const runs = activity.get(row.id);
      return {
        ...this.info(row, changed.has(row.id)),
        lastRun:
          runs?.lastRunId && runs.lastRunStatus && runs.lastRunAt
            ? {
                id: runs.lastRunId,
                status: runs.lastRunStatus,
                createdAt: runs.lastRunAt.toISOString(),
              }
            : null,
        runsLast24h: runs?.runsLast24h ?? 0,
      };
    });
  }

  /**
   * Every listed flow's newest run and its number of runs in the last 24 hours, in one query
   * whatever the number of flows; both lookups walk the executions (flow_id, created_at) index.
   * Flows read the executions table directly because the executions module depends on this one.
   */
  private async runActivity(flowIds: string[]): Promise<Map<string, RunActivityRow>> {
    if (!flowIds.length) return new Map();
    const rows: RunActivityRow[] = await this.dataSource.query(
      `SELECT f.id AS "flowId", last.id AS "lastRunId", last.status AS "lastRunStatus",
              last.created_at AS "lastRunAt", recent.runs AS "runsLast24h"
         FROM unnest($1::uuid[]) AS f(id)
         LEFT JOIN LATERAL (
           SELECT e.id, e.status, e.created_at FROM ${APP_SCHEMA}.executions e
            WHERE e.flow_id = f.id
            ORDER BY e.created_at DESC, e.id DESC
            LIMIT 1
         ) last ON true
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS runs FROM ${APP_SCHEMA}.executions e
            WHERE e.flow_id = f.id AND e.created_at > now() - interval '24 hours'
         ) recent`,
      [flowIds],
    );
    return new Map(rows.map((row) => [row.flowId, row]));
  }

  /**
   * Which of the flows have a draft that differs from their published version: one query
   * comparing the definitions as jsonb (semantic equality: a save of the same draft is no change).
   */
  private async withUnpublishedChanges(rows: FlowEntity[]): Promise<Set<string>> {
    const published = rows.filter((row) => row.publishedVersion !== null).map((row) => row.id);
    if (!published.length) return new Set();
    const changed: Array<{ id: string }> = await this.dataSource.query(
      `SELECT f.id FROM ${APP_SCHEMA}.flows f
         JOIN ${APP_SCHEMA}.flow_versions v ON v.flow_id = f.id AND v.version = f.published_version
        WHERE f.id = ANY($1::uuid[]) AND f.definition::jsonb IS DISTINCT FROM v.definition::jsonb`,
      [published],
    );
    return new Set(changed.map((row) => row.id));
  }

  async get(teamId: string, id: string): Promise<FlowView> {
    return this.view(await this.find(teamId, id));
  }

  /** Drafts may be incomplete while someone builds them; publishing is what must validate. */
  async create(teamId: string, body: CreateFlowBody): Promise<FlowView> {
    const definition = sealSecrets(
      body.definition ?? createDefaultDefinition(),
      undefined,
      this.box,
      teamId,
    );
    const row = this.flows.create({
      teamId,
      name: body.name,
      description: body.description ?? '',
      definition,
      triggerKey: newTriggerKey(),
    });
    return this.view(await this.flows.save(row));
  }

  async update(teamId: string, id: string, body: UpdateFlowBody): Promise<FlowView> {
    const row = await this.find(teamId, id);
    if (body.name !== undefined) row.name = body.name;
    if (body.description !== undefined) row.description = body.description;
    if (body.definition !== undefined)
      row.definition = sealSecrets(body.definition, row.definition, this.box, teamId);
    const saved = await this.flows.save(row);
    this.changes.changed({ flowId: id, teamId, kind: 'saved' });
    return this.view(saved);
  }

  async remove(teamId: string, id: string): Promise<void> {
    const row = await this.find(teamId, id);
    await this.schedules.remove(row.id);
    await this.polls.remove(row.id);
    await this.dataSource.transaction(async (manager) => {
      await retireTriggerKey(manager, row, 'deleted');
      await manager.remove(row);
    });
    this.changes.changed({ flowId: id, teamId, kind: 'deleted' });
  }

  /** The published versions, newest first, with who published each. */
  async listVersions(teamId: string, id: string): Promise<FlowVersionSummary[]> {
    const flow = await this.find(teamId, id);
    const rows = await this.versionsQuery(flow.id)
      .orderBy('v.version', 'DESC')
      .getRawMany<VersionRow>();
    return rows.map(versionSummary);
  }

  /** One published version's definition, secrets masked exactly as the draft's are. */
  async getVersion(teamId: string, id: string, version: number): Promise<FlowVersion> {
    const flow = await this.find(teamId, id);
    const row = await this.versionsQuery(flow.id)
      .addSelect('v.definition', 'definition')
      .andWhere('v.version = :version', { version })
      .getRawOne<VersionRow & { definition: FlowDefinition }>();
    if (!row) throw new NotFoundException(`Flow version ${version} not found`);
    return { ...versionSummary(row), definition: maskSecrets(row.definition) };
  }

  private versionsQuery(flowId: string) {
    return this.dataSource
      .getRepository(FlowVersionEntity)
      .createQueryBuilder('v')
      .leftJoin(UserEntity, 'u', 'u.id = v.published_by')
      .select('v.version', 'version')
      .addSelect('v.created_at', 'publishedAt')
      .addSelect('u.id', 'publisherId')
      .addSelect('u.name', 'publisherName')
      .where('v.flow_id = :flowId', { flowId });
  }

  /** Snapshots the draft as the next immutable version; refused (400) unless it validates. */
  async publish(teamId: string, id: string, publishedBy: string): Promise<PublishFlowResponse> {
    const published = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(FlowEntity, {
        where: { id, teamId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundException('Flow not found');
      const definition = revealSecrets(row.definition, this.box, teamId);
      const issues = [
        ...issuesOf(definition),
        ...scheduleIssues(definition),
        ...pollIssues(definition),
      ];
      if (issues.length) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: issues.map((issue) => issue.message).join('; '),
          issues,
        });
      }
      const version = (row.publishedVersion ?? 0) + 1;
      await manager.insert(
        FlowVersionEntity,
        jsonRow<FlowVersionEntity>({
          flowId: id,
          version,
          definition: row.definition,
          publishedBy,
        }),
      );
      await manager.update(FlowEntity, { id }, { publishedVersion: version, status: 'published' });
      return { row, definition, version };
    });
    // After commit: embedded PGlite has one session, which the transaction holds until then.
    const { row, definition, version } = published;
    this.changes.changed({ flowId: id, teamId, kind: 'published' });
    await this.syncSchedule({ ...row, status: 'published' }, definition, version);
    return { version, ...this.urls(row) };
  }

  /**
   * A published flow with a trigger.schedule gets its schedule, one with a trigger.poll its poll
   * schedule; any other flow loses both.
   */
  private async syncSchedule(
    flow: FlowEntity,
    published: FlowDefinition | undefined,
    version?: number,
  ) {
    const plan = schedulePlanFor({ status: flow.status, definition: published });
    if (plan) await this.schedules.sync(flow.id, flow.teamId, plan.cron, plan.timezone, version);
    else await this.schedules.remove(flow.id);
    const polling = pollTimingFor({ status: flow.status, definition: published });
    if (polling) await this.polls.sync(flow.id, flow.teamId, polling);
    else await this.polls.remove(flow.id);
  }

  /** The next five times the draft's schedule fires, for the editor. */
  async nextRuns(teamId: string, id: string): Promise<{ nextRuns: string[] }> {
    const flow = await this.find(teamId, id);
    const trigger = flow.definition.nodes.find((node) => node.type === 'trigger.schedule');
    if (!trigger)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'This flow does not start with a schedule trigger',
      });
    const { cron, timezone } = trigger.config as { cron?: string; timezone?: string };
    try {
      return {
        nextRuns: nextRunTimes(cron ?? '', timezone || 'UTC').map((date) => date.toISOString()),
      };
    } catch (error) {
      if (!(error instanceof ScheduleConfigError)) throw error;
      throw badRequest([{ field: `${trigger.id}.${error.field}`, message: error.message }]);
    }
  }

  /** Disabling stops the trigger URL and the schedule; enabling restores the published version's. */
  async setEnabled(teamId: string, id: string, enabled: boolean): Promise<FlowView> {
    const row = await this.find(teamId, id);
    if (enabled && row.status === 'disabled')
      row.status = row.publishedVersion ? 'published' : 'draft';
    if (!enabled) row.status = 'disabled';
    const saved = await this.flows.save(row);
    this.changes.changed({ flowId: id, teamId, kind: enabled ? 'enabled' : 'disabled' });
    const published =
      saved.status === 'published' && saved.publishedVersion
        ? await this.runnableDefinition(saved, saved.publishedVersion)
        : undefined;
    await this.syncSchedule(saved, published, saved.publishedVersion ?? undefined);
    return this.view(saved);
  }

  /** A new trigger key: the old URLs stop working at once (their requests are still shown). */
  async regenerateTriggerKey(teamId: string, id: string): Promise<FlowView> {
    const row = await this.find(teamId, id);
    const saved = await this.dataSource.transaction(async (manager) => {
      await retireTriggerKey(manager, row, 'regenerated');
      row.triggerKey = newTriggerKey();
      return manager.save(row);
    });
    this.changes.changed({ flowId: id, teamId, kind: 'key-regenerated' });
    return this.view(saved);
  }

  async duplicate(teamId: string, id: string): Promise<FlowView> {
    const source = await this.find(teamId, id);
    const copy = this.flows.create({
      teamId,
      name: `${source.name} (copy)`,
      description: source.description,
      definition: source.definition,
      triggerKey: newTriggerKey(),
    });
    return this.view(await this.flows.save(copy));
  }

  async find(teamId: string, id: string): Promise<FlowEntity> {
    const row = await this.flows.findOneBy({ id, teamId });
    if (!row) throw new NotFoundException('Flow not found');
    return row;
  }

  /** The decrypted definition of a published version, or of the draft (version null). */
  async runnableDefinition(
    flow: Pick<FlowEntity, 'id' | 'teamId' | 'definition'>,
    version: number | null,
  ): Promise<FlowDefinition> {
    if (version === null) return revealSecrets(flow.definition, this.box, flow.teamId);
    const snapshot = await this.dataSource
      .getRepository(FlowVersionEntity)
      .findOneBy({ flowId: flow.id, version });
    if (!snapshot) throw new ConflictException(`Flow version ${version} does not exist`);
    return revealSecrets(snapshot.definition, this.box, flow.teamId);
  }

  private urls(row: FlowEntity) {
    const base = `${this.config.http.hooksUrl}/hooks/${row.triggerKey}`;
    return { webhookUrl: base, testWebhookUrl: `${base}/test` };
  }

  private info(row: FlowEntity, hasUnpublishedChanges: boolean): FlowInfo {
    return {
      id: row.id,
      teamId: row.teamId,
      name: row.name,
      description: row.description,
      status: row.status,
      publishedVersion: row.publishedVersion,
      hasUnpublishedChanges,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private async view(row: FlowEntity): Promise<FlowView> {
    const definition = maskSecrets(row.definition);
    const changed = await this.withUnpublishedChanges([row]);
    return {
      ...this.info(row, changed.has(row.id)),
      definition,
      ...this.urls(row),
      issues: issuesOf(definition),
    };
  }
}
