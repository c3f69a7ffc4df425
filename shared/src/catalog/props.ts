/**
 * Config field descriptions ("props") of node and credential types. They are plain serializable
 * data: `GET /api/catalog` sends them to the editor, which renders the config form from them.
 */

/** n8n-style conditional field: shown only while sibling fields hold one of the listed values. */
export interface DisplayOptions {
  show?: Readonly<Record<string, readonly unknown[]>>;
  hide?: Readonly<Record<string, readonly unknown[]>>;
}

interface BaseProp<T> {
  label: string;
  description?: string;
  /** Must be present (and non-empty) whenever the field is visible. */
  required?: boolean;
  default?: T;
  /** Encrypted at rest, masked by the API, redacted from logs. */
  secret?: boolean;
  placeholder?: string;
  displayOptions?: DisplayOptions;
  /**
   * Part of the config, but written by an editor control of its own (secret rotation), so the
   * generic config form leaves it out.
   */
  ownControl?: true;
  /** Whether a `{{ }}` template may stand in for the value. Default: true for text-like props. */
  expression?: boolean;
}

export interface SelectOption {
  label: string;
  value: string;
}

export interface TextProp extends BaseProp<string> {
  type: 'text';
}
export interface TextareaProp extends BaseProp<string> {
  type: 'textarea';
}
export interface NumberProp extends BaseProp<number> {
  type: 'number';
  min?: number;
  max?: number;
  integer?: boolean;
}
export interface BooleanProp extends BaseProp<boolean> {
  type: 'boolean';
}
export interface SelectProp extends BaseProp<string> {
  type: 'select';
  options: readonly SelectOption[];
}
export interface MultiselectProp extends BaseProp<readonly string[]> {
  type: 'multiselect';
  options: readonly SelectOption[];
}
/** A string → string map, e.g. HTTP headers. */
export interface KeyValueProp extends BaseProp<Readonly<Record<string, unknown>>> {
  type: 'keyValue';
  /**
   * `any`: values are whatever their whole-value `{{ }}` expressions produce (numbers, objects…),
   * as `data.transform` promises. Default `text`: every value becomes text (headers, query).
   */
  values?: 'text' | 'any';
}
/** Any JSON value; string leaves may hold templates. */
export interface JsonProp extends BaseProp<unknown> {
  type: 'json';
}
export interface CodeProp extends BaseProp<string> {
  type: 'code';
  language: 'html' | 'json' | 'text';
}
/** The id of a stored credential of one of `credentialTypes`. */
export interface CredentialProp extends BaseProp<string> {
  type: 'credential';
  credentialTypes: readonly string[];
}
export interface StringListProp extends BaseProp<readonly string[]> {
  type: 'stringList';
}
/** A nested group of fields, rendered as a fieldset. */
export interface ObjectProp extends BaseProp<Readonly<Record<string, unknown>>> {
  type: 'object';
  props: PropsRecord;
  /** At least one of these nested fields must be set. */
  requireOneOf?: readonly string[];
}

export type Prop =
  | TextProp
  | TextareaProp
  | NumberProp
  | BooleanProp
  | SelectProp
  | MultiselectProp
  | KeyValueProp
  | JsonProp
  | CodeProp
  | CredentialProp
  | StringListProp
  | ObjectProp;

export type PropType = Prop['type'];
export type PropsRecord = Readonly<Record<string, Prop>>;

const expressionByDefault: ReadonlySet<PropType> = new Set([
  'text',
  'textarea',
  'code',
  'keyValue',
  'json',
  'stringList',
]);

export function allowsExpression(prop: Prop): boolean {
  return prop.expression ?? expressionByDefault.has(prop.type);
}

/** Whether a prop is shown given the values of its sibling fields. */
export function isPropVisible(prop: Prop, siblings: Readonly<Record<string, unknown>>): boolean {
  const { show, hide } = prop.displayOptions ?? {};
  const matches = (key: string, allowed: readonly unknown[]) => {
    const value = siblings[key];
    return Array.isArray(value) ? value.some((v) => allowed.includes(v)) : allowed.includes(value);
  };
  if (show && !Object.entries(show).every(([key, allowed]) => matches(key, allowed))) return false;
  if (hide && Object.entries(hide).some(([key, allowed]) => matches(key, allowed))) return false;
  return true;
}

/** The config a freshly added node starts with: every declared default, nested ones included. */
export function defaultConfig(props: PropsRecord): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    if (prop.type === 'object') {
      if (prop.default !== undefined || prop.required) {
        config[key] = { ...defaultConfig(prop.props), ...prop.default };
      }
    } else if (prop.default !== undefined) {
      config[key] = structuredClone(prop.default);
    }
  }
  return config;
}

/** Dotted paths of secret fields, e.g. `auth.secret`, for masking and redaction. */
export function secretPaths(props: PropsRecord, prefix = ''): string[] {
  return Object.entries(props).flatMap(([key, prop]) => {
    const path = prefix + key;
    if (prop.type === 'object') return secretPaths(prop.props, `${path}.`);
    return prop.secret ? [path] : [];
  });
}

/** Options whose labels are their values, keeping the literal value types. */
export function optionsOf<const V extends string>(values: readonly V[]): { label: V; value: V }[] {
  return values.map((value) => ({ label: value, value }));
}
