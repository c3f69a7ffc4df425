/** One JSON call to a test backend's REST API; an answer other than 2xx throws with its body. */
export async function apiCall<T>(
  baseUrl: string,
  method: string,
  url: string,
  body?: unknown,
  token = '',
): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
