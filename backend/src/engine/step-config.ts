import {
  allowsExpression,
  ExpressionError,
  nodeConfigSchema,
  redactValue,
  resolveConfig,
  secretPaths,
  stringifyResult,
  type ExpressionCache,
  type ExpressionContext,
  type FlowNode,
  type NodeDescription,
  type Prop,
  type PropsRecord,
} from '@hookflow/shared';
import { StepFailure } from './step-failure.js';

export const redactedValue = '••••••';

/**
 * The config a handler runs with: every `{{ }}` evaluated (whole-value expressions keep their
 * type), then validated against the node description with defaults filled in. Fields that do not
 * take expressions (secrets, mostly) are passed through untouched, even if they contain "{{".
 */
export async function resolveStepConfig(
  node: FlowNode,
  description: NodeDescription,
  cache: ExpressionCache,
  context: ExpressionContext,
): Promise<Record<string, unknown>> {
  const resolved = await resolveProps(node, node.config, description.props, cache, context, '');
  const result = nodeConfigSchema(description).safeParse(resolved);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    // At run time the expressions are gone, so "or a {{ }} expression" would only mislead.
    const message = issue.message.replace(/ or a \{\{ \}\} expression$/, '');
    return { field, message: field ? `field "${field}" ${message}` : message };
  });
  throw new StepFailure(`Step "${node.name}": ${issues.map((i) => i.message).join('; ')}`, {
    code: 'CONFIG',
    retryable: false,
    details: { nodeId: node.id, issues },
  });
}

async function resolveProps(
  node: FlowNode,
  config: Record<string, unknown>,
  props: PropsRecord,
  cache: ExpressionCache,
  context: ExpressionContext,
  prefix: string,
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(config).map(async ([key, value]): Promise<[string, unknown]> => {
      const prop = props[key];
      const field = prefix + key;
      if (prop?.type === 'object' && isRecord(value)) {
        return [key, await resolveProps(node, value, prop.props, cache, context, `${field}.`)];
      }
      if (prop && !allowsExpression(prop)) return [key, value];
      try {
        const resolved = await resolveConfig(value, cache, context);
        return [key, prop ? coerceToProp(prop, resolved) : resolved];
      } catch (error) {
        throw expressionFailure(node, field, error);
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Whole-value expressions keep their type, so `{{ trigger.body.id }}` in a URL field yields a
 * number and `{{ trigger.query.limit }}` in a number field yields text. Scalars are converted to
 * what the field holds; anything else is left for validation to report.
 */
function coerceToProp(prop: Prop, value: unknown): unknown {
  const toText = (v: unknown) => (v === null || v === undefined ? v : stringifyResult(v));
  switch (prop.type) {
    case 'text':
    case 'textarea':
    case 'code':
    case 'credential':
      return toText(value);
    case 'keyValue':
      return isRecord(value) && prop.values !== 'any'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toText(v)]))
        : value;
    case 'stringList':
      return Array.isArray(value) ? value.map(toText) : value;
    case 'number':
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
        ? Number(value)
        : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'select':
    case 'multiselect':
    case 'json':
    case 'object':
      return value;
  }
}

function expressionFailure(node: FlowNode, field: string, error: unknown): unknown {
  if (!(error instanceof ExpressionError)) return error;
  return new StepFailure(`Step "${node.name}", field "${field}": ${error.message}`, {
    code: 'EXPRESSION',
    retryable: false,
    details: { nodeId: node.id, field, position: error.position },
  });
}

/**
 * A copy of `config` for storage and display: every set secret field (per the description)
 * masked, and credentials inside ordinary fields (URL passwords, `Authorization` headers) too.
 */
export function redactSecrets(
  config: Record<string, unknown>,
  description: NodeDescription,
): Record<string, unknown> {
  // Credentials inside ordinary fields first, so masked secret fields keep the editor's mask.
  const copy = redactValue(config);
  for (const path of secretPaths(description.props)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: unknown = copy;
    for (const key of keys) parent = isRecord(parent) ? parent[key] : undefined;
    if (isRecord(parent) && !isUnset(parent[last])) parent[last] = redactedValue;
  }
  return copy;
}

/** The stored credential a config names, through the description's `credential` prop. */
export function credentialIdOf(
  config: Record<string, unknown>,
  description: NodeDescription,
): string | undefined {
  for (const [key, prop] of Object.entries(description.props)) {
    const value = config[key];
    if (prop.type === 'credential' && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

const isUnset = (value: unknown) => value === undefined || value === null || value === '';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
