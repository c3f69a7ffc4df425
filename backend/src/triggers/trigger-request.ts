import { isSecretRequestHeader, REDACTED, type TriggerRequestContext } from '@hookflow/shared';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * One value per header (repeated headers joined as Node does for most), secrets redacted; see
 * `isSecretRequestHeader` for `triggerAuthHeader` (null: the trigger's settings are unknown).
 */
export function redactHeaders(
  headers: IncomingHttpHeaders,
  triggerAuthHeader: string | undefined | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = isSecretRequestHeader(name, triggerAuthHeader)
      ? REDACTED
      : Array.isArray(value)
        ? value.join(', ')
        : value;
  }
  return out;
}

export function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return query;
}

export class MalformedBodyError extends Error {}

const mediaTypeOf = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();

/**
 * The body as expressions see it: JSON parsed, form fields as an object, text as text, and any
 * other bytes as base64. Malformed JSON under a JSON content type is the sender's error (400).
 */
export function parseBody(rawBody: Buffer, contentType: string | undefined): unknown {
  if (rawBody.length === 0) return {};
  const type = mediaTypeOf(contentType);
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      throw new MalformedBodyError(`Malformed JSON body: ${(error as Error).message}`);
    }
  }
  if (type === 'application/x-www-form-urlencoded')
    return queryOf(new URL(`http://x/?${rawBody.toString('utf8')}`));
  return textOf(rawBody, contentType);
}

/** Text bodies as UTF-8; anything else (images, protobuf…) as base64, which JSON can carry. */
function textOf(rawBody: Buffer, contentType: string | undefined): string {
  const type = mediaTypeOf(contentType);
  const textual =
    type === '' ||
    type.startsWith('text/') ||
    /[/+](json|xml)$/.test(type) ||
    type === 'application/x-www-form-urlencoded';
  return rawBody.toString(textual ? 'utf8' : 'base64');
}

export function triggerContext(
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    query: Record<string, string | string[]>;
  },
  rawBody: Buffer,
  body: unknown,
  contentType: string | undefined,
): TriggerRequestContext {
  return {
    method: request.method,
    path: request.path,
    headers: request.headers,
    query: request.query,
    body,
    rawBody: textOf(rawBody, contentType),
  };
}
