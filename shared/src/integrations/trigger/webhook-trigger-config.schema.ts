import type { z } from 'zod';
import type { InferProps } from '../../catalog/infer-props';
import { triggerWebhookNode } from './trigger-webhook.node';
import { propsToZod } from '../../catalog/props-to-zod';

/** The parsed `trigger.webhook` config the ingress works with, defaults filled in. */
export type WebhookTriggerConfig = InferProps<typeof triggerWebhookNode.props>;
export type WebhookAuthType = WebhookTriggerConfig['auth']['type'];

/**
 * Parses a stored `trigger.webhook` config: methods default to POST, auth to none, the response
 * to 202 accepted with a 10 s sync timeout, de-duplication ids are kept 7 days. The cast is sound
 * because none of these props takes a template in place of a non-text value.
 */
export const webhookTriggerConfigSchema = propsToZod(
  triggerWebhookNode.props,
) as z.ZodType<WebhookTriggerConfig>;
