/** A minimal stand-in for the `Response` the app reads: status, JSON and text bodies. */
export function jsonResponse(status: number, body: unknown): Response {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 503 ? 'Service Unavailable' : 'OK',
    json: async () => JSON.parse(text),
    text: async () => text,
  } as Response;
}

/** Replaces the global `fetch` for one test; returns the mock to assert calls on. */
export function mockFetch(implementation: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetchMock = jest.fn(implementation);
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  return fetchMock;
}
