import {
  httpBasicCredential,
  httpBearerCredential,
  httpHeaderCredential,
  httpRequestNode,
} from '@hookflow/shared';
import { failureFromNetworkError, failureFromResponse } from '../../engine/http-failure.js';
import { redactedValue } from '../../engine/step-config.js';
import { StepFailure } from '../../engine/step-failure.js';
import { implementNode, type TypedCredential } from '../implement-node.js';

export type HttpCredential = TypedCredential<
  typeof httpBearerCredential | typeof httpBasicCredential | typeof httpHeaderCredential
>;

/** Responses larger than this fail the step rather than fill the worker's memory. */
export const maxResponseBytes = 10 * 1024 * 1024;

const bodylessMethods = new Set(['GET', 'HEAD']);

/**
 * `http.request`. Every request carries `Idempotency-Key: <executionId>:<nodeId>`
 * (steps are at-least-once). Dry runs send GET and HEAD, which only read, so later steps see real
 * data; other methods are described instead of sent.
 */
/** The credential types http.request and trigger.poll accept. */
export const httpCredentials = [
  httpBearerCredential,
  httpBasicCredential,
  httpHeaderCredential,
] as const;

export const httpRequestHandler = implementNode(httpRequestNode, {
  credentials: httpCredentials,
  run: async ({ config, credential, step, signal, services }) => {
    const { method, timeoutMs } = config;
    const url = requestUrl(config.url, config.query);
    const headers = requestHeaders(config.headers);
    const secretHeaders = credential ? authorize(headers, credential) : [];
    headers.set('Idempotency-Key', `${step.executionId}:${step.nodeId}`);
    const body = bodylessMethods.has(method) ? undefined : encodeBody(config.body, headers);

    if (step.dryRun && !bodylessMethods.has(method)) {
      const shown = Object.fromEntries(headers);
      for (const name of secretHeaders) shown[name] = redactedValue;
      return { output: { dryRun: true, request: { method, url: url.href, headers: shown, body } } };
    }

    const label = { method, url: url.href };
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const response = await services.fetch(url, { method, headers, body, signal: deadline });
      const text = await readText(response, label);
      if (!response.ok) throw failureFromResponse(response.status, response.headers, text, label);
      return {
        output: {
          status: response.status,
          headers: headerRecord(response.headers),
          body: parseBody(text, response.headers.get('content-type')),
        },
      };
    } catch (error) {
      // A canceled execution is the engine's business, not a failure of this request.
      if (signal.aborted) throw signal.reason ?? error;
      throw failureFromNetworkError(error, label, timeoutMs);
    }
  },
});

function configFailure(message: string): StepFailure {
  return new StepFailure(message, { code: 'CONFIG', retryable: false });
}

export function requestUrl(text: string, query: Record<string, string> | undefined): URL {
  if (!URL.canParse(text)) throw configFailure(`"${text}" is not a URL`);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configFailure(`Only http and https URLs can be called, not ${url.protocol}`);
  }
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.append(name, value);
  return url;
}

export function requestHeaders(configured: Record<string, string> | undefined): Headers {
  try {
    return new Headers(configured);
  } catch (error) {
    throw configFailure(`Invalid header: ${(error as Error).message}`);
  }
}

/** Sets the credential's header; returns the names of headers that hold secrets. */
export function authorize(headers: Headers, credential: HttpCredential): string[] {
  switch (credential.type) {
    case 'http.bearer':
      headers.set('Authorization', `Bearer ${credential.data.token}`);
      return ['authorization'];
    case 'http.basic': {
      const { username, password } = credential.data;
      headers.set(
        'Authorization',
        `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      );
      return ['authorization'];
    }
    case 'http.header':
      try {
        headers.set(credential.data.name, credential.data.value);
      } catch {
        throw configFailure(`The credential's header name "${credential.data.name}" is not valid`);
      }
      return [credential.data.name.toLowerCase()];
  }
}

// Text goes as is; anything else is JSON (labelled so, unless the user set a content type).
export function encodeBody(body: unknown, headers: Headers): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return JSON.stringify(body);
}

export async function readText(
  response: Response,
  label: { method: string; url: string },
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxResponseBytes) {
      await reader.cancel();
      const { origin, pathname } = new URL(label.url);
      throw new StepFailure(
        `${label.method} ${origin}${pathname} answered with more than ${maxResponseBytes} bytes`,
        { code: 'RESPONSE_TOO_LARGE', retryable: false },
      );
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '' || !/[/+]json\b/i.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
