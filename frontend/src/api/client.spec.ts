import { jsonResponse, mockFetch } from '../test/fetch-mock';
import { api, ApiError, setCsrfToken } from './client';

afterEach(() => setCsrfToken(null));

describe('api client', () => {
  it('sends JSON with the session cookie and the CSRF token on writes, and parses the answer', async () => {
    setCsrfToken('csrf-123');
    const fetchMock = mockFetch(async () => jsonResponse(201, { id: 'f1' }));

    await expect(api.post('/api/flows', { name: 'Orders' })).resolves.toEqual({ id: 'f1' });

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/flows');
    expect(init).toMatchObject({
      method: 'POST',
      body: '{"name":"Orders"}',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': 'csrf-123', 'Content-Type': 'application/json' },
    });
    expect(init?.headers).not.toHaveProperty('Authorization');
  });

  it('sends no CSRF token on reads, nor before log-in', async () => {
    setCsrfToken('csrf-123');
    const fetchMock = mockFetch(async () => jsonResponse(200, []));
    await api.get('/api/flows');
    expect(fetchMock.mock.calls[0][1]?.headers).not.toHaveProperty('X-CSRF-Token');
    setCsrfToken(null);
    await api.delete('/api/flows/f1');
    expect(fetchMock.mock.calls[1][1]?.headers).not.toHaveProperty('X-CSRF-Token');
  });

  it('throws an ApiError carrying the server error body', async () => {
    const issues = [{ nodeId: 'n2', field: 'url', message: 'field "url" is required' }];
    mockFetch(async () =>
      jsonResponse(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Node "HTTP" (n2): field "url" is required',
        issues,
      }),
    );

    const error = await api.post('/api/flows', {}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Node "HTTP" (n2): field "url" is required',
      issues,
    });
  });

  it('falls back to the HTTP status when the error body is not JSON', async () => {
    mockFetch(
      async () =>
        ({
          ok: false,
          status: 502,
          statusText: 'Bad Gateway',
          text: async () => '<html>bad gateway</html>',
        }) as Response,
    );

    await expect(api.get('/api/flows')).rejects.toMatchObject({
      statusCode: 502,
      error: 'Bad Gateway',
      message: '<html>bad gateway</html>',
    });
  });

  it('turns a failed request into an ApiError with status 0', async () => {
    mockFetch(async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.get('/api/flows')).rejects.toMatchObject({
      statusCode: 0,
      error: 'Network Error',
    });
  });
});
