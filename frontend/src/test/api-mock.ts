import { useSession } from '../auth/session-store';
import { jsonResponse, mockFetch } from './fetch-mock';

export const TEAM_ID = 't1';
const healthy = { status: 'ok', checks: { database: { ok: true }, queue: { ok: true } } };
const me = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2025-01-01T00:00:00Z' },
  teams: [{ id: TEAM_ID, name: "Ada's team", role: 'owner' }],
};

type Handler = (init?: RequestInit) => Response | Promise<Response>;

/** Fakes the API by "METHOD path" (readiness, the session probe and /api/me answered by default); unknown calls answer 404. */
export function mockApi(routes: Record<string, Handler | unknown> = {}) {
  const all: Record<string, Handler | unknown> = {
    'GET /readyz': healthy,
    'GET /api/auth/session': { hasSessionCookie: true },
    'GET /api/me': me,
    ...routes,
  };
  return mockFetch(async (url, init) => {
    const key = `${init?.method ?? 'GET'} ${url}`;
    if (!(key in all))
      return jsonResponse(404, {
        statusCode: 404,
        error: 'Not Found',
        message: `no mock for ${key}`,
      });
    const route = all[key];
    return typeof route === 'function' ? (route as Handler)(init) : jsonResponse(200, route);
  });
}

/** A page load with a session cookie: the guard then loads the profile from /api/me. */
export function signIn() {
  useSession.setState({ status: 'unknown', user: null, teams: [], teamId: TEAM_ID });
}

export function signOut() {
  localStorage.clear();
  useSession.setState({ status: 'signed-out', user: null, teams: [], teamId: null });
}
