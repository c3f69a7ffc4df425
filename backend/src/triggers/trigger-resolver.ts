import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  webhookTriggerConfigSchema,
  type FlowDefinition,
  type WebhookTriggerConfig,
} from '@hookflow/shared';
import { Repository } from 'typeorm';
import { FlowEntity } from '../flows/flow.entity.js';
import { FlowsService } from '../flows/flows.service.js';

export interface ResolvedTrigger {
  flow: FlowEntity;
  /** null: the draft (test URL). */
  version: number | null;
  config: WebhookTriggerConfig;
}

export type TriggerLookup =
  | { found: false }
  | {
      found: true;
      flow: FlowEntity;
      problem: 'disabled' | 'unpublished' | 'not-webhook' | 'misconfigured';
    }
  | ({ found: true; problem?: undefined } & ResolvedTrigger);

const MAX_CACHED_VERSIONS = 1000;

/**
 * Finds the flow behind a trigger key and its webhook settings. Published versions never
 * change, so their decrypted trigger config is cached; the draft is read fresh every time.
 */
@Injectable()
export class TriggerResolver {
  private readonly published = new Map<string, WebhookConfigOrProblem>();

  constructor(
    @InjectRepository(FlowEntity) private readonly flows: Repository<FlowEntity>,
    @Inject(FlowsService) private readonly flowsService: FlowsService,
  ) {}

  async lookup(key: string, test: boolean): Promise<TriggerLookup> {
    const flow = await this.flows.findOneBy({ triggerKey: key });
    if (!flow) return { found: false };
    if (!test && flow.status === 'disabled') return { found: true, flow, problem: 'disabled' };
    if (!test && flow.publishedVersion === null)
      return { found: true, flow, problem: 'unpublished' };
    const version = test ? null : flow.publishedVersion;
    const config = await this.configOf(flow, version);
    if (config === 'not-webhook' || config === 'misconfigured')
      return { found: true, flow, problem: config };
    return { found: true, flow, version, config };
  }

  private async configOf(
    flow: FlowEntity,
    version: number | null,
  ): Promise<WebhookConfigOrProblem> {
    const cacheKey = `${flow.id}:${version}`;
    if (version !== null && this.published.has(cacheKey)) return this.published.get(cacheKey)!;
    const config = webhookConfig(await this.flowsService.runnableDefinition(flow, version));
    if (version !== null) {
      if (this.published.size >= MAX_CACHED_VERSIONS) this.published.clear();
      this.published.set(cacheKey, config);
    }
    return config;
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
