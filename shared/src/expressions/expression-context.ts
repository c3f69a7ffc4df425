/** The trigger request as expressions see it. Header names are lower-case. */
export interface TriggerRequestContext {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Parsed body: JSON, form fields, or the text itself for other content types. */
  body: unknown;
  /** The body exactly as received, decoded as UTF-8 text. */
  rawBody: string;
}

/** Everything a `{{ }}` expression can read — and nothing else. */
export interface ExpressionContext {
  trigger: TriggerRequestContext;
  /** Output of each completed step by node id: `{{ steps.n2.status }}`. */
  steps: Record<string, unknown>;
  execution: { id: string; attempt: number };
  flow: { id: string; name: string };
  vars: Record<string, unknown>;
}
