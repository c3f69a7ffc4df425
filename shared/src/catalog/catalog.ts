import { discordWebhookCredential } from './credentials/discord-webhook.credential';
import { hmacSecretCredential } from './credentials/hmac-secret.credential';
import { httpBasicCredential } from './credentials/http-basic.credential';
import { httpBearerCredential } from './credentials/http-bearer.credential';
import { httpHeaderCredential } from './credentials/http-header.credential';
import { slackBotCredential } from './credentials/slack-bot.credential';
import { slackWebhookCredential } from './credentials/slack-webhook.credential';
import { smtpCredential } from './credentials/smtp.credential';
import type { CredentialDescription, NodeDescription } from './define-node';
import { dataTransformNode } from './nodes/data-transform.node';
import { discordMessageNode } from './nodes/discord-message.node';
import { emailSendNode } from './nodes/email-send.node';
import { flowDelayNode } from './nodes/flow-delay.node';
import { httpRequestNode } from './nodes/http-request.node';
import { logicFilterNode } from './nodes/logic-filter.node';
import { logicIfNode } from './nodes/logic-if.node';
import { slackMessageNode } from './nodes/slack-message.node';
import { triggerManualNode } from './nodes/trigger-manual.node';
import { triggerPollNode } from './nodes/trigger-poll.node';
import { triggerScheduleNode } from './nodes/trigger-schedule.node';
import { triggerWebhookNode } from './nodes/trigger-webhook.node';
import { webhookRespondNode } from './nodes/webhook-respond.node';
import { webhookSendNode } from './nodes/webhook-send.node';

/** Every node type, in palette order. Adding a node type means adding it here. */
export const nodeCatalog: readonly NodeDescription[] = [
  triggerWebhookNode,
  triggerScheduleNode,
  triggerManualNode,
  triggerPollNode,
  httpRequestNode,
  slackMessageNode,
  discordMessageNode,
  emailSendNode,
  webhookSendNode,
  dataTransformNode,
  logicFilterNode,
  logicIfNode,
  flowDelayNode,
  webhookRespondNode,
];

export const credentialCatalog: readonly CredentialDescription[] = [
  httpBearerCredential,
  httpBasicCredential,
  httpHeaderCredential,
  slackWebhookCredential,
  slackBotCredential,
  discordWebhookCredential,
  smtpCredential,
  hmacSecretCredential,
];

const nodesByType = new Map(nodeCatalog.map((node) => [node.type, node]));
const credentialsByType = new Map(
  credentialCatalog.map((credential) => [credential.type, credential]),
);

export function getNodeDescription(type: string): NodeDescription | undefined {
  return nodesByType.get(type);
}

export function getCredentialDescription(type: string): CredentialDescription | undefined {
  return credentialsByType.get(type);
}

export function isTriggerType(type: string): boolean {
  return nodesByType.get(type)?.category === 'trigger';
}

/** The credential types a node accepts, from its `credential` props. */
export function nodeCredentialTypes(description: NodeDescription): string[] {
  return Object.values(description.props).flatMap((prop) =>
    prop.type === 'credential' ? prop.credentialTypes : [],
  );
}
