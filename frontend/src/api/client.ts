import type { ApiErrorBody, FlowIssue } from '@hookflow/shared';

/**
 * The session is an HttpOnly cookie the browser sends by itself; writes must also carry the CSRF
 * token the server gave at log-in (or in /api/me). Kept in memory only, never in storage.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A failed API call: the backend's error body, or status 0 when no answer arrived. */
export class ApiError extends Error implements ApiErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly issues?: FlowIssue[];

  constructor({ statusCode, error, message, issues }: ApiErrorBody) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.error = error;
    this.issues = issues;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the Hookflow API with JSON in and out; non-2xx answers throw an `ApiError`. */
export async function apiRequest<T>(
  path: string,
  { method = 'GET', body, signal }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    // Status 0 marks "no answer at all" so callers handle one error type.
    throw new ApiError({
      statusCode: 0,
      error: 'Network Error',
      message: 'The server could not be reached.',
    });
  }

  const text = await response.text();
  const payload: unknown = text ? parseJson(text) : undefined;
  if (!response.ok) throw new ApiError(toErrorBody(response, payload, text));
  return payload as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toErrorBody(response: Response, payload: unknown, text: string): ApiErrorBody {
  // Fall back to the HTTP status when the answer is not our JSON error (e.g. a proxy's HTML page).
  const body = (
    typeof payload === 'object' && payload !== null ? payload : {}
  ) as Partial<ApiErrorBody>;
  return {
    statusCode: typeof body.statusCode === 'number' ? body.statusCode : response.status,
    error: typeof body.error === 'string' ? body.error : response.statusText,
    message: typeof body.message === 'string' ? body.message : text || response.statusText,
    issues: Array.isArray(body.issues) ? body.issues : undefined,
  };
}
