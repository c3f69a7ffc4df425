import { failureFromNetworkError, type HttpRequestLabel } from '../engine/http-failure.js';
import type { NodeServices } from '../engine/node-handler.js';
import { StepFailure } from '../engine/step-failure.js';

// Shared by the integration nodes (Slack, Discord, webhook.send): one JSON POST through the
// guarded fetch, its answer read with a size cap, network errors as StepFailures.

/** Answers larger than this are cut; integrations answer with a few hundred bytes. */
const maxAnswerBytes = 256 * 1024;

export interface OutboundAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface OutboundPost {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal: AbortSignal;
  fetch: NodeServices['fetch'];
  /** How failures name the URL when its path holds a secret (a bot token); default: the URL. */
  shownAs?: string;
}

/**
 * POSTs `body` and reads the answer, whatever its status. Connection errors and timeouts become
 * StepFailures (retryable); a canceled execution rethrows the cancel reason.
 */
export async function postOutbound(post: OutboundPost): Promise<OutboundAnswer> {
  const label: HttpRequestLabel = { method: 'POST', url: post.shownAs ?? post.url.href };
  const deadline = AbortSignal.any([post.signal, AbortSignal.timeout(post.timeoutMs)]);
  try {
    const response = await post.fetch(post.url, {
      method: 'POST',
      headers: post.headers,
      body: post.body,
      signal: deadline,
      // A redirect would replay a signed or authorized POST elsewhere; integrations never need one.
      redirect: 'manual',
    });
    return { status: response.status, headers: response.headers, text: await readCapped(response) };
  } catch (error) {
    if (post.signal.aborted) throw post.signal.reason ?? error;
    throw failureFromNetworkError(error, label, post.timeoutMs);
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    size += read.value.byteLength;
    if (size > maxAnswerBytes) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON in an answer, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function configFailure(message: string): StepFailure {
  return new StepFailure(message, { code: 'CONFIG', retryable: false });
}

/** An http(s) URL from config or a credential, or a CONFIG failure naming `what`. */
export function httpUrl(text: string, what: string): URL {
  if (!URL.canParse(text)) throw configFailure(`${what} is not a URL`);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configFailure(`${what} must be an http or https URL, not ${url.protocol}`);
  }
  return url;
}

/** Origin and path only: webhook URLs embed their token, and messages are stored with the run. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/[^/]{20,}$/, '…')}`;
}
