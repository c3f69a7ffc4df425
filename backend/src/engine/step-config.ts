import {
  allowsExpression,
  ExpressionError,
  nodeConfigSchema,
  collectTemplates,
  evaluateAll,
  redactValue,
  secretPaths,
  stringifyResult,
  substituteTemplates,
  type ExpressionContext,
  type FlowNode,
  type NodeDescription,
  type Prop,
  type PropsRecord,
  type TemplateEvaluator,
} from '@hookflow/shared';
import { StepFailure } from './step-failure.js';

export const redactedValue = '••••••';

/**
 * The config a handler runs with: every `{{ }}` evaluated (whole-value expressions keep their
 * type), then validated against the node description with defaults filled in. Fields that do not
 * take expressions (secrets, mostly) are passed through untouched, even if they contain "{{".
 * All templates of the step go to the evaluator in one call.
 */
export async function resolveStepConfig(
  node: FlowNode,
  description: NodeDescription,
  evaluate: TemplateEvaluator,
  context: ExpressionContext,
): Promise<Record<string, unknown>> {
  // The first field each template appears in, to name it when the template fails.
  const fieldOf = new Map<string, string>();
  mapExpressionFields(node.config, description.props, '', (value, _prop, field) => {
    for (const template of collectTemplates(value, new Set()))
      if (!fieldOf.has(template)) fieldOf.set(template, field);
    return value;
  });
  let values: Map<string, unknown>;
  try {
    values = await evaluateAll(fieldOf.keys(), evaluate, context);
  } catch (error) {
    throw expressionFailure(node, fieldOf, error);
  }
  const resolved = mapExpressionFields(node.config, description.props, '', (value, prop) => {
    const result = substituteTemplates(value, values);
    return prop ? coerceToProp(prop, result) : result;
  });
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

/** `config` rebuilt with every field that takes expressions passed through `visit`. */
function mapExpressionFields(
  config: Record<string, unknown>,
  props: PropsRecord,
  prefix: string,
  visit: (value: unknown, prop: Prop | undefined, field: string) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]): [string, unknown] => {
      const prop = props[key];
      const field = prefix + key;
      if (prop?.type === 'object' && isRecord(value))
        return [key, mapExpressionFields(value, prop.props, `${field}.`, visit)];
      if (prop && !allowsExpression(prop)) return [key, value];
      return [key, visit(value, prop, field)];
    }),
  );
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

function expressionFailure(
  node: FlowNode,
  fieldOf: ReadonlyMap<string, string>,
  error: unknown,
): unknown {
  if (!(error instanceof ExpressionError)) return error;
  const field = (error.template !== undefined && fieldOf.get(error.template)) || '';
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
