import type { TriggerRequestContext } from '../../../expressions/expression-context';

/** What a preset reads from a verified request: lower-case header names, the parsed body. */
export interface PresetRequest {
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body: unknown;
}

/** A realistic request from the provider, for the data picker before the first real event. */
export interface PresetSample {
  /** The event it stands for, in the filter's naming (`push`, `payment_intent.succeeded`). */
  event: string;
  request: TriggerRequestContext;
}

/** Where the URL and the secret go in the provider's settings, shown in the trigger panel. */
export interface SetupGuide {
  /** Where the webhook settings are, e.g. "Repository → Settings → Webhooks → Add webhook". */
  where: string;
  /** The provider's name for the field that takes the trigger URL. */
  urlField: string;
  /** The provider's name for the signing secret, and whether it is chosen here or copied there. */
  secretField?: string;
  secretSource?: 'you choose it' | 'the provider shows it';
  /** What the secret looks like, e.g. "whsec_ followed by 32 characters". */
  secretLooksLike?: string;
  /** The content type to pick, when the provider asks. */
  contentType?: string;
  /** Anything else a user trips over. */
  notes?: readonly string[];
}

/**
 * Everything a provider preset (an `auth.type` of `trigger.webhook`) knows beyond its signature:
 * its event names, its delivery id, samples and a setup guide.
 */
export interface WebhookPreset {
  /** The `auth.type` value. */
  id: string;
  title: string;
  /** The request's event name for filters; null when it names none. Absent: no event filter. */
  eventOf?: (request: PresetRequest) => string | null;
  /** Events offered in the filter's suggestions (free text is allowed too). */
  commonEvents?: readonly string[];
  /** The provider's id of the delivery, the default de-duplication key; null when absent. */
  deliveryIdOf?: (request: PresetRequest) => string | null;
  /** Where that id comes from, for the form and the docs, e.g. "the X-GitHub-Delivery header". */
  deliveryIdSource?: string;
  samples: readonly PresetSample[];
  guide: SetupGuide;
}

export const headerOf = (request: PresetRequest, name: string): string | null => {
  const value = request.headers[name];
  const first = Array.isArray(value) ? (value as readonly string[])[0] : (value as string);
  return first ? first : null;
};

/** A string or number field of an object body (`type`, `id`), as text; null otherwise. */
export const fieldOf = (value: unknown, ...path: string[]): string | null => {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current !== ''
    ? current
    : typeof current === 'number'
      ? String(current)
      : null;
};

/** A JSON request as the ingress hands it to expressions. */
export function jsonSample(
  event: string,
  headers: Record<string, string>,
  body: unknown,
): PresetSample {
  return {
    event,
    request: {
      method: 'POST',
      path: '/hooks/8f3cW2ZkqLr4',
      headers: { 'content-type': 'application/json', ...headers },
      query: {},
      body,
      rawBody: JSON.stringify(body),
    },
  };
}

/** A form-encoded request (Twilio): the body is the fields, the raw body their encoding. */
export function formSample(
  event: string,
  headers: Record<string, string>,
  fields: Record<string, string>,
): PresetSample {
  return {
    event,
    request: {
      method: 'POST',
      path: '/hooks/8f3cW2ZkqLr4',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      query: {},
      body: fields,
      rawBody: new URLSearchParams(fields).toString(),
    },
  };
}
