import type { ExecutionSummary } from '@hookflow/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { jsonResponse, mockFetch } from '../test/fetch-mock';
import { signIn, signOut } from '../test/api-mock';
import { RunsPage } from './runs-page';

const summary = (id: string, overrides: Partial<ExecutionSummary> = {}): ExecutionSummary => ({
  id,
  flowId: 'f1',
  version: 3,
  status: 'succeeded',
  deliveryId: null,
  dryRun: false,
  replay: null,
  source: 'production',
  triggerSummary: 'POST {"order":1001}',
  error: null,
  attempt: 1,
  retriedFrom: null,
  failedAttempts: 0,
  createdAt: '2026-12-01T10:00:00Z',
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:00:00.048Z',
  ...overrides,
});

/** The API as the page sees it: flows, and run pages answered by `runs(query)`. */
function serve(runs: (query: URLSearchParams) => Response) {
  return mockFetch(async (url) => {
    if (url === '/readyz') return jsonResponse(200, { status: 'ok', checks: {} });
    if (url === '/api/teams/t1/flows')
      return jsonResponse(200, [{ id: 'f1', name: 'Orders to ERP' }]);
    if (url.startsWith('/api/teams/t1/executions'))
      return runs(new URLSearchParams(url.split('?')[1] ?? ''));
    return jsonResponse(404, { message: `no mock for ${url}` });
  });
}

const listCalls = (fetchMock: jest.Mock) =>
  fetchMock.mock.calls
    .map(([url]) => url as string)
    .filter((url) => url.startsWith('/api/teams/t1/executions'))
    .map((url) => new URLSearchParams(url.split('?')[1] ?? ''));

function renderPage(entry = '/runs') {
  const router = createMemoryRouter(
    [
      { path: '/runs', element: <RunsPage /> },
      { path: '/flows/:flowId', element: <p>canvas route</p> },
    ],
    { initialEntries: [entry] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

beforeEach(signIn);
afterEach(signOut);

describe('RunsPage', () => {
  it('shows source, trigger and attempts, and opens a run from anywhere on its row', async () => {
    serve(() =>
      jsonResponse(200, {
        items: [
          summary('e1', { attempt: 2, failedAttempts: 1, retriedFrom: 'failed' }),
          summary('e2', { source: 'dry-run', version: null, triggerSummary: 'POST {}' }),
        ],
        nextCursor: null,
      }),
    );
    const router = renderPage();
    const rows = await screen.findAllByTestId('run-row');
    expect(rows[0]).toHaveTextContent('Production');
    expect(rows[0]).toHaveTextContent('POST {"order":1001}');
    expect(rows[0]).toHaveTextContent('attempt 2 · 1 failed');
    expect(rows[0]).toHaveTextContent('48 ms');
    expect(rows[1]).toHaveTextContent('Dry run');
    expect(await screen.findAllByText('Orders to ERP', { selector: 'td' })).toHaveLength(2);

    fireEvent.click(screen.getAllByText('POST {}')[0]);
    expect(await screen.findByText('canvas route')).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/flows/f1?run=e2');
  });

  it('sends the filters to the API, keeps them in the URL, and pages on with the cursor', async () => {
    const fetchMock = serve((query) =>
      jsonResponse(200, {
        items: [summary(query.get('cursor') ? 'e-older' : 'e-new')],
        nextCursor: query.get('cursor') ? null : 'next-page',
      }),
    );
    const router = renderPage('/runs?status=failed');
    await screen.findAllByTestId('run-row');
    expect(listCalls(fetchMock)[0].get('status')).toBe('failed');

    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'replay' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    jest.useFakeTimers();
    fireEvent.change(screen.getByLabelText('Search runs'), { target: { value: 'order 1001' } });
    // one request once typing pauses, not one per key
    expect(listCalls(fetchMock).at(-1)!.get('q')).toBeNull();
    await act(async () => {
      jest.advanceTimersByTime(400);
    });
    jest.useRealTimers();
    const last = listCalls(fetchMock).at(-1)!;
    expect(last.get('source')).toBe('replay');
    expect(last.get('q')).toBe('order 1001');
    expect(new Date(last.get('from')!).getDate()).toBe(1);
    expect(router.state.location.search).toContain('source=replay');
    expect(router.state.location.search).toContain('q=order+1001');

    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('run-row')).toHaveLength(2));
    expect(listCalls(fetchMock).at(-1)!.get('cursor')).toBe('next-page');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when a search found nothing yet among the runs it read, and goes on from there', async () => {
    const fetchMock = serve((query) =>
      jsonResponse(
        200,
        query.get('cursor')
          ? { items: [summary('e-old')], nextCursor: null }
          : { items: [], nextCursor: 'edge' },
      ),
    );
    renderPage('/runs?q=zoë');
    expect(await screen.findByTestId('runs-searched-so-far')).toBeInTheDocument();
    expect(screen.queryByText(/No runs match/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByTestId('run-row')).toBeInTheDocument();
    expect(listCalls(fetchMock).at(-1)!.get('q')).toBe('zoë');
    expect(listCalls(fetchMock).at(-1)!.get('cursor')).toBe('edge');
  });

  it('shows the API naming a bad filter', async () => {
    serve(() => jsonResponse(400, { statusCode: 400, message: 'field "q": too long' }));
    renderPage('/runs?q=x');
    expect(await screen.findByRole('alert')).toHaveTextContent('field "q"');
  });
});
