import type { IntegrationDescription } from '@hookflow/shared';
import type { IntegrationSettings, NodeHandler } from '../engine/node-handler.js';

/**
 * A setting an integration reads from the environment: an http(s) base URL, such as an API root
 * that tests point at a local stand-in. The typed config parses it with the other settings and
 * the README's settings table documents it.
 */
export interface IntegrationSetting {
  /** The environment variable, e.g. `SLACK_API_URL`. */
  env: string;
  default: string;
  description: string;
}

/** The backend half of an integration: a handler per node type, and the settings they read. */
export interface IntegrationImplementation {
  name: string;
  handlers: readonly NodeHandler[];
  settings: Readonly<Record<string, IntegrationSetting>>;
}

/**
 * Implements the shared `integration`. Refuses, at load, a handler for a node type the
 * integration does not describe, so every handler sits in the folder of its description.
 */
export function implementIntegration(
  integration: IntegrationDescription,
  implementation: {
    handlers: readonly NodeHandler[];
    settings?: Readonly<Record<string, IntegrationSetting>>;
  },
): IntegrationImplementation {
  for (const handler of implementation.handlers) {
    if (!integration.nodes.includes(handler.description))
      throw new Error(
        `The ${integration.name} integration has a handler for ${handler.description.type}, which it does not describe`,
      );
  }
  return { name: integration.name, settings: {}, ...implementation };
}

/** Every integration's settings, with `read` giving each one's value. */
export function integrationSettingValues(
  implementations: readonly IntegrationImplementation[],
  read: (setting: IntegrationSetting) => string,
): IntegrationSettings {
  return Object.fromEntries(
    implementations.map(({ name, settings }) => [
      name,
      Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, read(setting)])),
    ]),
  );
}
