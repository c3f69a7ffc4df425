import type { TriggerRequestContext } from '../../../expressions/expression-context';
import { discordPreset } from './discord.preset';
import { eventPassesFilter } from './event-filter';
import { githubPreset } from './github.preset';
import { paypalPreset } from './paypal.preset';
import type { PresetRequest, WebhookPreset } from './preset';
import { sendgridPreset } from './sendgrid.preset';
import { shopifyPreset } from './shopify.preset';
import { slackPreset } from './slack.preset';
import { standardWebhooksPreset } from './standard-webhooks.preset';
import { stripePreset } from './stripe.preset';
import { twilioPreset } from './twilio.preset';

export { eventPassesFilter } from './event-filter';
export type { PresetRequest, PresetSample, SetupGuide, WebhookPreset } from './preset';

/** Every provider preset, by `auth.type`. */
export const webhookPresets: readonly WebhookPreset[] = [
  githubPreset,
  stripePreset,
  slackPreset,
  shopifyPreset,
  twilioPreset,
  standardWebhooksPreset,
  discordPreset,
  sendgridPreset,
  paypalPreset,
];

const byId = new Map(webhookPresets.map((preset) => [preset.id, preset]));

export const webhookPresetFor = (authType: string | undefined): WebhookPreset | undefined =>
  authType === undefined ? undefined : byId.get(authType);

/** Presets whose requests name an event: the ones the event filter is offered for. */
export const filterablePresetIds = webhookPresets
  .filter((preset) => preset.eventOf)
  .map((preset) => preset.id);

/** Presets with a delivery id: de-duplicated by it unless the user asks to keep repeats. */
export const dedupingPresetIds = webhookPresets
  .filter((preset) => preset.deliveryIdOf)
  .map((preset) => preset.id);

/** The slice of a `trigger.webhook` config the preset helpers read (stored or parsed). */
export interface PresetTriggerConfig {
  auth?: { type?: string; events?: readonly string[]; keepRepeats?: boolean };
  dedupe?: { header?: string; expression?: string } | null;
}

/** What the event filter decided for a request; `event` is null when the request names none. */
export type EventFilterDecision = { passes: boolean; event: string | null };

/** The filter of a preset trigger applied to a verified request; undefined: no filter applies. */
export function eventFilterDecision(
  config: PresetTriggerConfig,
  request: PresetRequest,
): EventFilterDecision | undefined {
  const preset = webhookPresetFor(config.auth?.type);
  const patterns = config.auth?.events;
  if (!preset?.eventOf || !patterns?.some((pattern) => pattern.trim())) return undefined;
  const event = preset.eventOf(request);
  return { passes: eventPassesFilter(patterns, event), event };
}

/**
 * The preset's default de-duplication key: the provider's delivery id, unless the trigger sets
 * its own de-duplication or turns the default off. Null when there is none to use.
 */
export function presetDedupeKey(config: PresetTriggerConfig, request: PresetRequest) {
  if (config.dedupe?.header || config.dedupe?.expression) return null;
  if (config.auth?.keepRepeats) return null;
  return webhookPresetFor(config.auth?.type)?.deliveryIdOf?.(request) ?? null;
}

/**
 * A realistic trigger request for the data picker before the first real event: the preset's
 * sample for the first event the filter lets through, else its first sample. Undefined for
 * triggers without a provider preset (the node's generic sample applies).
 */
export function samplePayloadFor(config: PresetTriggerConfig): TriggerRequestContext | undefined {
  const preset = webhookPresetFor(config.auth?.type);
  if (!preset) return undefined;
  const wanted = preset.samples.find((sample) =>
    eventPassesFilter(config.auth?.events, sample.event),
  );
  return structuredClone((wanted ?? preset.samples[0])?.request);
}
