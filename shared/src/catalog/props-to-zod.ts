import { z } from 'zod';
import { isExpression } from '../expressions/template';
import { allowsExpression, isPropVisible, type Prop, type PropsRecord } from './props';

/** Rules over a group of props that no single prop can state. */
export interface PropsRules {
  /** At least one of these fields must be set, e.g. `['credentialId', 'webhookUrl']`. */
  requireOneOf?: readonly string[];
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

// Missing values read "is required"; wrong ones get the prop's own wording.
const typeError = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
});

function describe(prop: Prop): string {
  switch (prop.type) {
    case 'text':
    case 'textarea':
    case 'code':
    case 'credential':
      return 'must be text';
    case 'number':
      return prop.integer ? 'must be a whole number' : 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'select':
      return `must be one of: ${prop.options.map((o) => o.value).join(', ')}`;
    case 'multiselect':
      return `must be a list of: ${prop.options.map((o) => o.value).join(', ')}`;
    case 'keyValue':
      return 'must be an object of text values';
    case 'stringList':
      return 'must be a list of text';
    case 'json':
      return 'must be JSON';
    case 'object':
      return 'must be an object';
  }
}

function valueSchema(prop: Prop): z.ZodType {
  const message = describe(prop);
  const required = prop.required === true && !prop.displayOptions;
  switch (prop.type) {
    case 'text':
    case 'textarea':
    case 'code':
    case 'credential': {
      const text = z.string(typeError(message));
      return required ? text.min(1, 'is required') : text;
    }
    case 'number': {
      let number = z.number(typeError(message));
      if (prop.integer) number = number.int(message);
      if (prop.min !== undefined) number = number.min(prop.min, `must be at least ${prop.min}`);
      if (prop.max !== undefined) number = number.max(prop.max, `must be at most ${prop.max}`);
      return number;
    }
    case 'boolean':
      return z.boolean(typeError(message));
    case 'select':
      return z
        .string(typeError(message))
        .refine((v) => prop.options.some((o) => o.value === v), message);
    case 'multiselect': {
      const list = z
        .array(z.string(), typeError(message))
        .refine((values) => values.every((v) => prop.options.some((o) => o.value === v)), message);
      return required
        ? list.refine((values) => values.length > 0, 'needs at least one value')
        : list;
    }
    case 'keyValue':
      return z.record(
        z.string(),
        prop.values === 'any' ? z.unknown() : z.string(typeError('must be text')),
        typeError(message),
      );
    case 'stringList': {
      const list = z.array(z.string(typeError(message)), typeError(message));
      return required ? list.min(1, 'needs at least one value') : list;
    }
    case 'json':
      return required ? z.unknown().refine((v) => v !== undefined, 'is required') : z.unknown();
    case 'object':
      return propsToZod(prop.props, prop);
  }
}

// Strings pass text-like props anyway; other props accept a template in place of the value.
function withTemplate(prop: Prop, schema: z.ZodType): z.ZodType {
  const takesStrings = ['text', 'textarea', 'code', 'credential', 'json'].includes(prop.type);
  if (takesStrings || !allowsExpression(prop)) return schema;
  const template = z.string().refine(isExpression, `${describe(prop)} or a {{ }} expression`);
  // Dispatch on the input rather than a z.union, so nested issues keep their own path and wording.
  return z.unknown().transform((value, ctx) => {
    const result = (typeof value === 'string' ? template : schema).safeParse(value);
    if (result.success) return result.data;
    for (const { path, message } of result.error.issues)
      ctx.addIssue({ code: 'custom', path, message });
    return z.NEVER;
  });
}

/**
 * The zod schema of a config (or credential data) described by `props`, shared by the editor
 * form, publishing and the engine. Props that allow expressions accept any `{{ }}` template,
 * resolved at run time. Required props must be present unless hidden by `displayOptions`.
 * Declared defaults are filled in; unknown keys are dropped.
 */
export function propsToZod(
  props: PropsRecord,
  rules: PropsRules = {},
): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, prop] of Object.entries(props)) {
    const schema = withTemplate(prop, valueSchema(prop));
    const alwaysRequired = prop.required === true && !prop.displayOptions;
    if (prop.default !== undefined) shape[key] = schema.prefault(prop.default as never);
    else shape[key] = alwaysRequired ? schema : schema.optional();
  }
  return z.object(shape, typeError('must be an object')).superRefine((config, ctx) => {
    for (const [key, prop] of Object.entries(props)) {
      const conditional =
        prop.required === true && prop.displayOptions && prop.default === undefined;
      if (conditional && isPropVisible(prop, config) && isMissing(config[key])) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required' });
      }
    }
    const oneOf = rules.requireOneOf;
    if (oneOf && oneOf.every((key) => isMissing(config[key]))) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `needs one of ${oneOf.map((k) => `"${k}"`).join(' or ')}`,
      });
    }
  });
}
