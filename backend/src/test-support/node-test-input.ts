import { nodeConfigSchema, type ExpressionContext } from '@hookflow/shared';
import type { NodeHandler, NodeRunInput, NodeServices } from '../engine/node-handler.js';
import type { StepFailure } from '../engine/step-failure.js';
import { createDestinationCheck } from '../outbound/destination-check.js';
import { createGuardedFetch } from '../outbound/guarded-fetch.js';
import { integrationSettingValues } from '../integrations/implement-integration.js';
import { integrationImplementations } from '../integrations/node-registry.js';
import { refuseNonLoopback } from './recording-server.js';

// Test support: NodeRunInput factories for node specs.

export function aTriggerContext(overrides: Partial<ExpressionContext> = {}): ExpressionContext {
  return {
    trigger: {
      method: 'POST',
      path: '/hooks/k3y',
      headers: { 'content-type': 'application/json' },
      query: { source: 'test' },
      body: { orderId: 'ord_1042', total: 59.9 },
      rawBody: '{"orderId":"ord_1042","total":59.9}',
    },
    steps: {},
    execution: { id: 'exe_1', attempt: 1 },
    flow: { id: 'flow_1', name: 'Orders' },
    vars: {},
    ...overrides,
  };
}

/** Services whose fetch reaches loopback test servers only (and never anything else). */
export function loopbackServices(allowlist: string[] = ['127.0.0.0/8']): NodeServices {
  const guard = {
    allowPrivate: false,
    allowlist,
    lookup: (hostname: string) =>
      Promise.reject(new Error(`tests resolve no host names (${hostname})`)),
    onConnect: refuseNonLoopback,
  };
  return {
    fetch: createGuardedFetch(guard),
    checkDestination: createDestinationCheck(guard),
    settings: integrationSettingValues(integrationImplementations, (setting) => setting.default),
  };
}

/**
 * The input the engine would give `handler`: `config` passes the node's real config schema
 * (defaults filled in, as after template resolution), the rest can be overridden.
 */
export function aRunInput(
  handler: NodeHandler,
  config: Record<string, unknown>,
  overrides: Partial<Omit<NodeRunInput, 'config'>> = {},
): NodeRunInput {
  return {
    config: nodeConfigSchema(handler.description).parse(config),
    context: aTriggerContext(),
    step: { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun: false },
    signal: new AbortController().signal,
    services: loopbackServices(),
    ...overrides,
  };
}

/** The StepFailure `promise` rejects with; fails the test when it resolves instead. */
export const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the step to fail');
    },
    (error: unknown) => error as StepFailure,
  );
