import { refusedResponseHeader } from '@hookflow/shared';
import type { ServerResponse } from 'node:http';

/**
 * What every `/hooks/*` response carries, whatever a flow replies: the page is sandboxed into
 * an opaque origin (no script, no storage or cookies of the Hookflow host) and loads nothing.
 */
export const HOOK_RESPONSE_POLICY: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'X-Content-Type-Options': 'nosniff',
};

// A value with CR, LF or NUL would split the response (Node throws on it): dropped instead.
const UNSAFE_VALUE = /[\r\n\0]/;

/**
 * A flow's reply headers without those no trigger reply may send (see `refusedResponseHeader`),
 * plus the policy. Published versions from before the publish-time check are cleaned here too.
 */
export function hookResponseHeaders(headers: Record<string, unknown> = {}): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    const text = String(value);
    if (refusedResponseHeader(name) || UNSAFE_VALUE.test(text)) continue;
    safe[name] = text;
  }
  return { ...safe, ...HOOK_RESPONSE_POLICY };
}

/** Sets the policy on a response before anything else answers it (404s and errors included). */
export function applyHookResponsePolicy(response: ServerResponse): void {
  for (const [name, value] of Object.entries(HOOK_RESPONSE_POLICY)) response.setHeader(name, value);
}

/** Whether `path` is a trigger URL path, i.e. the policy applies. */
export const isHookPath = (path: string) => path === '/hooks' || path.startsWith('/hooks/');
