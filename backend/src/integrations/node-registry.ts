import type { NodeDescription } from '@hookflow/shared';
import type { NodeHandler } from '../engine/node-handler.js';
import { dataImplementation } from './data/index.js';
import { discordImplementation } from './discord/index.js';
import { emailImplementation } from './email/index.js';
import { flowImplementation } from './flow/index.js';
import { httpImplementation } from './http/index.js';
import type { IntegrationImplementation } from './implement-integration.js';
import { logicImplementation } from './logic/index.js';
import { slackImplementation } from './slack/index.js';
import { telegramImplementation } from './telegram/index.js';
import { triggerImplementation } from './trigger/index.js';
import { webhookImplementation } from './webhook/index.js';

/** Every integration's backend half. Adding an integration means adding its folder and a line here. */
export const integrationImplementations: readonly IntegrationImplementation[] = [
  triggerImplementation,
  httpImplementation,
  slackImplementation,
  discordImplementation,
  telegramImplementation,
  emailImplementation,
  webhookImplementation,
  dataImplementation,
  logicImplementation,
  flowImplementation,
];

/** Every node handler, from the integrations. */
export const nodeHandlers: readonly NodeHandler[] = integrationImplementations.flatMap(
  (integration) => integration.handlers,
);

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
