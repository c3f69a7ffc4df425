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

const NUL = '\u0000';
const storable = (text: string) => (text.includes(NUL) ? text.replaceAll(NUL, '\uFFFD') : text);

/**
 * The query as stored: a NUL (which PostgreSQL text cannot hold) shows as U+FFFD; such a request
 * is refused with 400 by `parseBody`'s caller (`unstorableQuery`), so only rejections keep one.
 */
export function queryOf(url: URL): Record<string, string | string[]> {
  return fieldsOf(url.searchParams, storable);
}

function fieldsOf(
  params: URLSearchParams,
  clean: (text: string) => string = (text) => text,
): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [rawKey, rawValue] of params) {
    const key = clean(rawKey);
    const value = clean(rawValue);
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

/** Deeper JSON is refused: PostgreSQL's jsonb and every recursive walk of a run would choke on it. */
export const MAX_JSON_DEPTH = 512;

const nulIn = (params: URLSearchParams) => {
  for (const [key, value] of params) if (key.includes(NUL) || value.includes(NUL)) return key;
  return undefined;
};

/** A query a run could not store (a NUL in a name or value), as the 400's message. */
export function unstorableQuery(url: URL): string | undefined {
  const key = nulIn(url.searchParams);
  return key === undefined
    ? undefined
    : `Query parameter "${storable(key)}" contains a NUL character (U+0000), which cannot be stored`;
}

/**
 * What JSON text may hold but a run cannot store: `\u0000`, a lone surrogate escape, nesting past
 * MAX_JSON_DEPTH. One pass over the text, before parsing, so a 100k-deep body costs no recursion.
 */
function unstorableJson(text: string): string | undefined {
  const lone = 'contains a lone UTF-16 surrogate escape, which is not valid Unicode';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
      } else if (c === 0x7d || c === 0x5d) depth--;
      continue;
    }
    if (c === 0x22) inString = false;
    else if (c === 0x5c) {
      if (text.charCodeAt(i + 1) !== 0x75) {
        i++;
        continue;
      }
      const unit = parseInt(text.slice(i + 2, i + 6), 16);
      if (unit === 0) return 'contains \\u0000 (NUL), which cannot be stored';
      if (unit >= 0xdc00 && unit <= 0xdfff) return lone;
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const low = text.startsWith('\\u', i + 6) ? parseInt(text.slice(i + 8, i + 12), 16) : NaN;
        if (!(low >= 0xdc00 && low <= 0xdfff)) return lone;
        i += 6;
      }
      i += 5;
    }
  }
  return undefined;
}

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
    const text = rawBody.toString('utf8');
    const problem = unstorableJson(text);
    if (problem) throw new MalformedBodyError(`JSON body ${problem}`);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new MalformedBodyError(`Malformed JSON body: ${(error as Error).message}`);
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(rawBody.toString('utf8'));
    const field = nulIn(form);
    if (field !== undefined)
      throw new MalformedBodyError(
        `Form field "${storable(field)}" contains a NUL character (U+0000), which cannot be stored`,
      );
    return fieldsOf(form);
  }
  const text = textOf(rawBody, contentType);
  if (text.includes(NUL))
    throw new MalformedBodyError(
      'Text body contains a NUL byte, which cannot be stored as text; send binary data as application/octet-stream',
    );
  return text;
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
