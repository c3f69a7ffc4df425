import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  webhookTriggerConfigSchema,
  type FlowDefinition,
  type FlowIssue,
  type WebhookTriggerConfig,
} from '@hookflow/shared';
import { Repository } from 'typeorm';
import { blockingIssuesOf } from '../flows/draft-issues.js';
import { FlowChanges } from '../flows/flow-changes.js';
import { FlowEntity } from '../flows/flow.entity.js';
import { FlowsService } from '../flows/flows.service.js';
import { FlowChangeRelay } from './flow-change-relay.js';
import { OldKeyRequestLog, type RetiredKey } from './old-key-requests.js';

export interface ResolvedTrigger {
  flow: FlowEntity;
  /** null: the draft (test URL). */
  version: number | null;
  config: WebhookTriggerConfig;
}

/** Why a known key's flow cannot run now. */
export type TriggerProblem =
  'disabled' | 'unpublished' | 'not-webhook' | 'misconfigured' | 'invalid-draft';

export type TriggerLookup =
  /** `retired`: the key is one a flow of some team gave up (regenerated, or the flow deleted). */
  | { found: false; retired?: RetiredKey }
  | {
      found: true;
      flow: FlowEntity;
      problem: TriggerProblem;
      /** Why the draft cannot run (test URL): each names its node and field. */
      issues?: FlowIssue[];
    }
  | ({ found: true; problem?: undefined } & ResolvedTrigger);

type FoundLookup = Exclude<TriggerLookup, { found: false }>;

const MAX_CACHED_KEYS = 10_000;
/** A backstop for writes that bypass FlowsService (a team's flows deleted with the team). */
const CACHE_TTL_MS = 60_000;

/**
 * Finds the flow behind a trigger key and its webhook settings, from an in-process cache on the
 * hot path. Entries are dropped when FlowsService reports a change (draft saved, published,
 * enabled/disabled, key regenerated, deleted), in every api process via the relay. Unknown keys
 * are not cached (new flows get fresh random keys, so nothing could be stale); a retired key's
 * owner is looked up on that miss path only.
 */
@Injectable()
export class TriggerResolver implements OnModuleDestroy {
  private readonly cache = new Map<string, { lookup: FoundLookup; until: number }>();
  private readonly keysOfFlow = new Map<string, Set<string>>();
  /** Bumped on every change: a read that started before one must not fill the cache. */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    @InjectRepository(FlowEntity) private readonly flows: Repository<FlowEntity>,
    @Inject(FlowsService) private readonly flowsService: FlowsService,
    @Inject(FlowChanges) changes: FlowChanges,
    @Inject(FlowChangeRelay) private readonly relay: FlowChangeRelay,
    @Inject(OldKeyRequestLog) private readonly oldKeys: OldKeyRequestLog,
  ) {
    this.unsubscribe = changes.onChange(({ flowId }) => {
      this.forget(flowId);
      this.relay.publish(flowId);
    });
    relay.onRemoteChange((flowId) => (flowId ? this.forget(flowId) : this.forgetAll()));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  async lookup(key: string, test: boolean): Promise<TriggerLookup> {
    const cacheKey = `${key}:${test}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now() && this.relay.reliable()) return cached.lookup;
    const generation = this.generation;
    const lookup = await this.read(key, test);
    if (lookup.found && generation === this.generation && this.relay.reliable())
      this.remember(cacheKey, lookup);
    return lookup;
  }

  private async read(key: string, test: boolean): Promise<TriggerLookup> {
    const flow = await this.flows.findOneBy({ triggerKey: key });
    // Only keys no flow holds pay for this second look.
    if (!flow) return { found: false, retired: await this.oldKeys.find(key) };
    if (!test && flow.status === 'disabled') return { found: true, flow, problem: 'disabled' };
    if (!test && flow.publishedVersion === null)
      return { found: true, flow, problem: 'unpublished' };
    const version = test ? null : flow.publishedVersion;
    const definition = await this.flowsService.runnableDefinition(flow, version);
    const config = webhookConfig(definition);
    if (config === 'not-webhook') return { found: true, flow, problem: config };
    // Published versions were validated at publish; a draft may be anything the editor saved.
    const issues = test ? blockingIssuesOf(definition) : [];
    if (config === 'misconfigured') return { found: true, flow, problem: config, issues };
    if (issues.length) return { found: true, flow, problem: 'invalid-draft', issues };
    return { found: true, flow, version, config };
  }

  private remember(cacheKey: string, lookup: FoundLookup) {
    if (this.cache.size >= MAX_CACHED_KEYS) this.forgetAll();
    this.cache.set(cacheKey, { lookup, until: Date.now() + CACHE_TTL_MS });
    let keys = this.keysOfFlow.get(lookup.flow.id);
    if (!keys) this.keysOfFlow.set(lookup.flow.id, (keys = new Set()));
    keys.add(cacheKey);
  }

  private forget(flowId: string) {
    this.generation++;
    for (const cacheKey of this.keysOfFlow.get(flowId) ?? []) this.cache.delete(cacheKey);
    this.keysOfFlow.delete(flowId);
  }

  private forgetAll() {
    this.generation++;
    this.cache.clear();
    this.keysOfFlow.clear();
  }
}

type WebhookConfigOrProblem = WebhookTriggerConfig | 'not-webhook' | 'misconfigured';

function webhookConfig(definition: FlowDefinition): WebhookConfigOrProblem {
  const trigger = definition.nodes.find((node) => node.type === 'trigger.webhook');
  if (!trigger) return 'not-webhook';
  // Only a draft can be half-configured (publishing validates); never guess its auth settings.
  const parsed = webhookTriggerConfigSchema.safeParse(trigger.config);
  return parsed.success ? parsed.data : 'misconfigured';
}
