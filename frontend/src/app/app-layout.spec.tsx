import { act, render, screen, waitFor } from '@testing-library/react';
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
});
