// The HTTP side of a poll: the request a trigger.poll config describes, sent through the
// outbound guard, and its answer read with the same size cap and messages as http.request.
import { failureFromNetworkError, failureFromResponse } from '../engine/http-failure.js';
import { StepFailure } from '../engine/step-failure.js';
import {
  authorize,
  encodeBody,
  headerRecord,
  readText,
  requestHeaders,
  requestUrl,
  type HttpCredential,
} from '../integrations/http/http-request.node.js';
import { REDACTED } from '@hookflow/shared';
import { redactHeaders } from '../triggers/trigger-request.js';
import type { PollConfig } from './poll-plan.js';

/** A poll that gets no usable answer waits at most this long. */
export const pollTimeoutMs = 30_000;

/** Why a poll failed, with the answer's status when there was one. */
export class PollFailure extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly answer?: PollAnswer,
  ) {
    super(message);
    this.name = 'PollFailure';
  }
}

export interface PollRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Headers;
  body?: string;
  /** Header names whose values came from the credential: never recorded. */
  secretHeaders: string[];
}

export interface PollAnswer {
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  text: string;
}

const asFailure = (error: unknown) =>
  new PollFailure(error instanceof Error ? error.message : String(error));

/** The request a poll sends; a config that cannot make one is a PollFailure naming the field. */
export function pollRequestOf(config: PollConfig, credential?: HttpCredential): PollRequest {
  try {
    const url = requestUrl(config.url, config.query as Record<string, string> | undefined);
    const headers = requestHeaders(config.headers as Record<string, string> | undefined);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    const secretHeaders = credential ? authorize(headers, credential) : [];
    const body = config.method === 'POST' ? encodeBody(config.body ?? {}, headers) : undefined;
    return { method: config.method, url, headers, body, secretHeaders };
  } catch (error) {
    throw asFailure(error);
  }
}

/** The headers as recorded in the delivery: the credential's and credential-bearing ones redacted. */
export function recordedHeaders(request: PollRequest): Record<string, string> {
  // null: any credential-looking name (X-Api-Key…) counts, since the user typed these in.
  const shown = redactHeaders(headerRecord(request.headers), null);
  for (const name of request.secretHeaders) shown[name.toLowerCase()] = REDACTED;
  return shown;
}

/** Sends the poll; a refused destination, network error or timeout is a PollFailure. */
export async function sendPoll(fetch: typeof globalThis.fetch, request: PollRequest) {
  const label = { method: request.method, url: request.url.href };
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(pollTimeoutMs),
    });
    const text = await readText(response, label);
    const answer: PollAnswer = {
      status: response.status,
      headers: headerRecord(response.headers),
      contentType: response.headers.get('content-type'),
      text,
    };
    if (!response.ok) {
      const failure = failureFromResponse(response.status, response.headers, text, label);
      throw new PollFailure(failure.message, response.status, answer);
    }
    return answer;
  } catch (error) {
    if (error instanceof PollFailure) throw error;
    if (error instanceof StepFailure && error.code === 'RESPONSE_TOO_LARGE') throw asFailure(error);
    throw asFailure(failureFromNetworkError(error, label, pollTimeoutMs));
  }
}

/** The answer's JSON; anything else is a PollFailure. */
export function answerJson(answer: PollAnswer): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch (error) {
    const snippet = answer.text.trim().slice(0, 80);
    throw new PollFailure(
      `The answer is not JSON (${(error as Error).message})${snippet ? `: ${snippet}` : ''}`,
      answer.status,
      answer,
    );
  }
}
