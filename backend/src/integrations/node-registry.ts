import type { NodeDescription } from '@hookflow/shared';
import type { NodeHandler } from '../engine/node-handler.js';
import { dataTransformHandler } from './data-transform.node.js';
import { discordMessageHandler } from './discord-message.node.js';
import { emailSendHandler } from './email-send.node.js';
import { flowDelayHandler } from './flow-delay.node.js';
import { httpRequestHandler } from './http-request.node.js';
import { logicFilterHandler } from './logic-filter.node.js';
import { logicIfHandler } from './logic-if.node.js';
import { slackMessageHandler } from './slack-message.node.js';
import { triggerManualHandler } from './trigger-manual.node.js';
import { triggerPollHandler } from './trigger-poll.node.js';
import { triggerScheduleHandler } from './trigger-schedule.node.js';
import { triggerWebhookHandler } from './trigger-webhook.node.js';
import { webhookRespondHandler } from './webhook-respond.node.js';
import { webhookSendHandler } from './webhook-send.node.js';

/** Every node handler. Adding a node type means adding its handler here. */
export const nodeHandlers: readonly NodeHandler[] = [
  triggerWebhookHandler,
  triggerScheduleHandler,
  triggerManualHandler,
  triggerPollHandler,
  httpRequestHandler,
  slackMessageHandler,
  discordMessageHandler,
  emailSendHandler,
  webhookSendHandler,
  dataTransformHandler,
  logicFilterHandler,
  logicIfHandler,
  flowDelayHandler,
  webhookRespondHandler,
];

/** The node types `nodeHandlers` covers. */
export const implementedNodeTypes: readonly string[] = nodeHandlers.map(
  (handler) => handler.description.type,
);

/**
 * Startup invariant: every node type of `catalog` has exactly one handler, and no handler serves
 * a type outside it. Throws one error listing every problem.
 */
export function assertCatalogCovered(
  catalog: readonly NodeDescription[],
  handlers: readonly NodeHandler[],
): void {
  const catalogTypes = new Set(catalog.map((node) => node.type));
  const counts = new Map<string, number>();
  for (const handler of handlers) {
    const type = handler.description.type;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const problems = [
    list(
      'Node types without a handler',
      [...catalogTypes].filter((type) => !counts.has(type)),
    ),
    list(
      'Node types with more than one handler',
      [...counts].filter(([, count]) => count > 1).map(([type]) => type),
    ),
    list(
      'Handlers for node types not in the catalog',
      [...counts.keys()].filter((type) => !catalogTypes.has(type)),
    ),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

function list(title: string, types: string[]): string | undefined {
  return types.length > 0 ? `${title}: ${types.join(', ')}` : undefined;
}
