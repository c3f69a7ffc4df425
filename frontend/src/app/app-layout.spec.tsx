import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useSession } from '../auth/session-store';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse, mockFetch } from '../test/fetch-mock';
import { routes } from './routes';
import { READINESS_POLL_MS } from './use-readiness';

const healthy = { status: 'ok', checks: { database: { ok: true }, queue: { ok: true } } };

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<RouterProvider router={router} />);
  return router;
}

beforeEach(signIn);

afterEach(() => {
  jest.useRealTimers();
  signOut();
});

describe('AppLayout', () => {
  it('shows the product name, the Flows navigation and "Ready" when /readyz is ok', async () => {
    const fetchMock = mockApi({ 'GET /api/teams/t1/flows': [] });
    renderAt('/flows');

    expect(screen.getByRole('link', { name: /Hookflow/ })).toHaveAttribute('href', '/flows');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(nav).toHaveTextContent('FlowsRunsCredentials'));
    expect(screen.getByRole('combobox', { name: 'Team' })).toHaveDisplayValue("Ada's team");
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Ready'));
    expect(fetchMock).toHaveBeenCalledWith(
      '/readyz',
      expect.objectContaining({ headers: expect.any(Object) }),
    );
  });

  it('links to the in-app help page, which lists the editor shortcuts', async () => {
    mockApi({ 'GET /api/teams/t1/flows': [] });
    const router = renderAt('/flows');
    act(() => screen.getByRole('link', { name: 'Help' }).click());
    await waitFor(() => expect(router.state.location.pathname).toBe('/help'));
    expect(screen.getByRole('heading', { name: 'Help', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Ctrl/⌘ + Z' })).toBeInTheDocument();
    // Only the app's own pages: no outside addresses.
    for (const link of screen.getAllByRole('link'))
      expect(link.getAttribute('href')).toMatch(/^\//);
  });

  it('names the failing dependency when /readyz answers 503', async () => {
    mockFetch(async () =>
      jsonResponse(503, {
        status: 'unavailable',
        checks: { database: { ok: true }, queue: { ok: false, error: 'connect ECONNREFUSED' } },
      }),
    );
    renderAt('/flows');

    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent(/^Degraded: queue$/));
    expect(status).toHaveAttribute('title', 'queue: connect ECONNREFUSED');
  });

  it('reports the server as unreachable when the request fails', async () => {
    mockFetch(async () => Promise.reject(new TypeError('Failed to fetch')));
    renderAt('/flows');

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Degraded: server unreachable'),
    );
  });

  it('polls again every 10 seconds and picks up recovery', async () => {
    jest.useFakeTimers();
    const fetchMock = mockFetch(async () =>
      jsonResponse(503, { status: 'unavailable', checks: { database: { ok: false } } }),
    );
    renderAt('/flows');
    await act(async () => {});
    expect(screen.getByRole('status')).toHaveTextContent('Degraded: database');

    fetchMock.mockImplementation(async () => jsonResponse(200, healthy));
    await act(async () => {
      jest.advanceTimersByTime(READINESS_POLL_MS);
    });

    expect(fetchMock.mock.calls.filter(([url]) => url === '/readyz')).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('Ready');
  });

  it('redirects / to the flow list and shows a not-found page for unknown paths', async () => {
    mockApi({ 'GET /api/teams/t1/flows': [] });
    const router = renderAt('/');
    expect(await screen.findByRole('heading', { name: 'Flows' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/flows');

    await act(() => router.navigate('/no/such/page'));
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('sends anonymous visitors to the log-in page', () => {
    signOut();
    mockApi();
    const router = renderAt('/flows');
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByRole('heading', { name: 'Log in to Hookflow' })).toBeInTheDocument();
  });

  it('goes to the log-in page without asking /api/me when the browser has no session cookie', async () => {
    const fetchMock = mockApi({ 'GET /api/auth/session': { hasSessionCookie: false } });
    const router = renderAt('/flows');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    const asked = fetchMock.mock.calls.map(([url]) => String(url));
    expect(asked).toContain('/api/auth/session');
    expect(asked).not.toContain('/api/me');
  });

  it('logs in from an editor address back into it, with the teams loaded first', async () => {
    signOut();
    mockApi({
      'POST /api/auth/login': {
        user: {
          id: 'u1',
          email: 'ada@example.com',
          name: 'Ada',
          createdAt: '2025-01-01T00:00:00Z',
        },
        csrfToken: 'csrf',
        expiresAt: '2030-01-01T00:00:00Z',
      },
      'GET /api/teams/t1/flows': [],
    });
    const router = renderAt('/flows');
    await screen.findByRole('heading', { name: 'Log in to Hookflow' });
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));

    await screen.findByRole('heading', { name: /No flows yet/ });
    expect(router.state.location.pathname).toBe('/flows');
    expect(useSession.getState().teamId).toBe('t1');
  });
});
