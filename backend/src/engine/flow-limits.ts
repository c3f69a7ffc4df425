import { createHash } from 'node:crypto';
import {
  resolveConfig,
  stringifyResult,
  type FlowNode,
  type TemplateEvaluator,
  type TriggerRequestContext,
} from '@hookflow/shared';

/** What a trigger asks of its flow's runs: how many at once, and which go in order. */
export interface FlowLimits {
  /** At most this many runs of the flow execute at the same time. */
  concurrency?: number;
  /** An expression; runs whose keys are equal execute one at a time, in arrival order. */
  orderingKey?: string;
}

// Longer keys are stored as their hash: equal keys stay equal, the index stays small.
const MAX_KEY_LENGTH = 200;

/** Reads the limits off a trigger node; a draft may hold anything, so only sane values count. */
export function flowLimitsOf(trigger: Pick<FlowNode, 'config'>): FlowLimits {
  const { concurrency, orderingKey } = trigger.config;
  return {
    concurrency:
      typeof concurrency === 'number' && Number.isInteger(concurrency) && concurrency >= 1
        ? concurrency
        : undefined,
    orderingKey:
      typeof orderingKey === 'string' && orderingKey.trim() !== '' ? orderingKey : undefined,
  };
}

/**
 * The ordering key of one run, evaluated against its trigger request with the engine's `{{ }}`
 * machinery. An expression that fails or yields nothing (null, undefined, blank) gives no key:
 * the delivery is still accepted, and the run is only held to the concurrency limit.
 */
export async function evaluateOrderingKey(
  expression: string | undefined,
  trigger: TriggerRequestContext,
  flow: { id: string; name: string },
  evaluate: TemplateEvaluator,
): Promise<string | null> {
  if (!expression) return null;
  let value: unknown;
  try {
    value = await resolveConfig(expression, evaluate, {
      trigger,
      steps: {},
      execution: { id: '', attempt: 1 },
      flow,
      vars: {},
    });
  } catch {
    return null;
  }
  const key = stringifyResult(value);
  if (key.trim() === '') return null;
  return key.length > MAX_KEY_LENGTH
    ? `sha256:${createHash('sha256').update(key).digest('hex')}`
    : key;
}
