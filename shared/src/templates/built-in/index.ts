import type { TemplateDocument } from '../template-document.schema';
import { githubPushToSlackTemplate } from './github-push-to-slack.template';
import { scheduledStatusCheckToSlackTemplate } from './scheduled-status-check-to-slack.template';
import { stripePaymentToDiscordAndEmailTemplate } from './stripe-payment-to-discord-and-email.template';

/** Prefix of built-in template ids, so routes tell them from the UUIDs of team templates. */
export const BUILT_IN_TEMPLATE_PREFIX = 'builtin-';

export interface BuiltInTemplate {
  /** Stable across releases: `builtin-<slug>`. */
  id: string;
  document: TemplateDocument;
}

/** Templates shipped with Hookflow; every team sees them. Adding one means adding it here. */
export const builtInTemplates: readonly BuiltInTemplate[] = [
  { id: 'builtin-github-push-to-slack', document: githubPushToSlackTemplate },
  {
    id: 'builtin-stripe-payment-to-discord-and-email',
    document: stripePaymentToDiscordAndEmailTemplate,
  },
  { id: 'builtin-scheduled-http-check-to-slack', document: scheduledStatusCheckToSlackTemplate },
];

export function getBuiltInTemplate(id: string): BuiltInTemplate | undefined {
  return builtInTemplates.find((template) => template.id === id);
}
