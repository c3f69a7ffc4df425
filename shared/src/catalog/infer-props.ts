import type { Prop, PropsRecord } from './props';

type OptionValue<P> = P extends { options: readonly { value: infer V }[] } ? V : string;

/** The value type of one prop once its templates are resolved. */
export type PropValue<P extends Prop> = P extends {
  type: 'text' | 'textarea' | 'code' | 'credential';
}
  ? string
  : P extends { type: 'number' }
    ? number
    : P extends { type: 'boolean' }
      ? boolean
      : P extends { type: 'select' }
        ? OptionValue<P>
        : P extends { type: 'multiselect' }
          ? OptionValue<P>[]
          : P extends { type: 'keyValue'; values: 'any' }
            ? Record<string, unknown>
            : P extends { type: 'keyValue' }
              ? Record<string, string>
              : P extends { type: 'stringList' }
                ? string[]
                : P extends { type: 'object'; props: infer Q extends PropsRecord }
                  ? InferProps<Q>
                  : unknown;

// A prop is always present after parsing when it has a default, or is required and never hidden.
type AlwaysPresent<P> = P extends { default: unknown }
  ? true
  : P extends { required: true }
    ? P extends { displayOptions: unknown }
      ? false
      : true
    : false;

type PresentKeys<Props extends PropsRecord> = {
  [K in keyof Props]: AlwaysPresent<Props[K]> extends true ? K : never;
}[keyof Props];

type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * The typed config of a node (or data of a credential) described by `Props`, as a handler
 * receives it: `InferProps<typeof httpRequestNode.props>` → `{ method: 'GET' | …; url: string; … }`.
 */
export type InferProps<Props extends PropsRecord> = Flatten<
  { [K in PresentKeys<Props>]: PropValue<Props[K]> } & {
    [K in Exclude<keyof Props, PresentKeys<Props>>]?: PropValue<Props[K]>;
  }
>;
