import { STATUS_CODES } from 'node:http';
import { StepFailure } from './step-failure.js';

/** What was called, for messages. */
export interface HttpRequestLabel {
  method: string;
  url: string;
}

export type HeaderSource =
  Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const snippetLength = 200;

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; undefined when unusable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse is lenient ('-5' is a year); an HTTP date always names a month.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A non-2xx answer as a StepFailure: 408/425/429/5xx retry, other statuses fail fast. */
export function failureFromResponse(
  status: number,
  headers: HeaderSource,
  bodySnippet = '',
  request?: HttpRequestLabel,
  now = Date.now(),
): StepFailure {
  const who = request ? `${request.method} ${displayUrl(request.url)}` : 'The server';
  const reason = STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : '';
  const body = bodySnippet.trim().slice(0, snippetLength);
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  return new StepFailure(`${who} answered ${status}${reason}${body ? `: ${body}` : ''}`, {
    code: 'HTTP_STATUS',
    retryable: isRetryableStatus(status),
    retryAfterMs,
    details: { status, body: bodySnippet },
  });
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
}

/**
 * A thrown fetch/socket error as a StepFailure. fetch wraps the socket error in
 * `TypeError('fetch failed', { cause })`, and happy-eyeballs connects in an AggregateError, so
 * the whole chain is searched for the first error carrying a code.
 */
export function failureFromNetworkError(
  error: unknown,
  request?: HttpRequestLabel,
  timeoutMs?: number,
): StepFailure {
  if (error instanceof StepFailure) return error;
  const chain = errorChain(error);
  const blocked = chain.find((e) => e.code === 'BLOCKED_DESTINATION');
  if (blocked) {
    return new StepFailure(String(blocked.message), { code: 'BLOCKED', retryable: false });
  }
  const on = request ? ` (${request.method} ${displayUrl(request.url)})` : '';
  if (chain.some((e) => e.name === 'AbortError' || e.name === 'TimeoutError')) {
    const within = timeoutMs === undefined ? 'in time' : `within ${timeoutMs} ms`;
    return new StepFailure(`No answer ${within}${on}`, { code: 'TIMEOUT', retryable: true });
  }
  const coded = chain.find((e) => typeof e.code === 'string') ?? chain.at(-1) ?? {};
  const code = typeof coded.code === 'string' ? coded.code : undefined;
  const host = hostOf(coded, request);
  const [kind, text] = describeCode(code, host, coded);
  return new StepFailure(`${text}${on}`, {
    code: kind,
    retryable: kind !== 'TLS',
    details: code ? { cause: code } : undefined,
  });
}

function describeCode(code: string | undefined, host: string, error: ErrorLike): [string, string] {
  switch (code ?? '') {
    case 'ECONNREFUSED':
      return ['NETWORK', `Connection refused by ${host}`];
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return ['NETWORK', `Connection to ${host} was closed before the answer arrived`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['NETWORK', `Could not find the host ${host} (DNS lookup failed)`];
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return ['NETWORK', `No network route to ${host}`];
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return ['TIMEOUT', `Could not connect to ${host} in time`];
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return ['TIMEOUT', `${host} stopped answering`];
    default:
      // Certificate problems do not go away by trying again.
      if (code && /CERT|SELF_SIGNED|TLS/.test(code)) {
        return ['TLS', `The TLS certificate of ${host} was refused: ${String(error.message)}`];
      }
      return ['NETWORK', `Network error: ${String(error.message ?? 'unknown')}`];
  }
}

function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && chain.length < 10) {
    const e = current as ErrorLike;
    chain.push(e);
    current = Array.isArray(e.errors) && e.errors.length && !e.cause ? e.errors[0] : e.cause;
  }
  return chain;
}

function hostOf(error: ErrorLike, request: HttpRequestLabel | undefined): string {
  if (typeof error.address === 'string') {
    return typeof error.port === 'number' ? `${error.address}:${error.port}` : error.address;
  }
  if (typeof error.hostname === 'string') return error.hostname;
  if (request && URL.canParse(request.url)) return new URL(request.url).host;
  return 'the server';
}

// Queries and user-info often carry API keys; messages are stored with the run.
function displayUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : value?.[0];
}
