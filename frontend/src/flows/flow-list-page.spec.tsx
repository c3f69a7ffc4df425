import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { EventSourceStandIn } from '../test/event-source-stand-in';
import { jsonResponse } from '../test/fetch-mock';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { FlowListPage } from './flow-list-page';

function renderList() {
  const router = createMemoryRouter(
    [
      { path: '/flows', element: <FlowListPage /> },
      { path: '/flows/:flowId', element: <p>canvas route</p> },
    ],
    { initialEntries: ['/flows'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

beforeEach(signIn);
afterEach(signOut);

describe('FlowListPage', () => {
  it('shows the empty state and creates a flow from it', async () => {
    const fetchMock = mockApi({
      'GET /api/teams/t1/flows': [],
      'POST /api/teams/t1/flows': () => jsonResponse(201, { id: 'f9', name: 'Orders' }),
    });
    const router = renderList();

    expect(
      await screen.findByRole('heading', { name: 'No flows yet — start from a template' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse templates' })).toHaveAttribute(
      'href',
      '/templates',
    );
    expect(screen.getByRole('link', { name: 'Read how it works' })).toHaveAttribute(
      'href',
      '/help',
    );
    fireEvent.click(screen.getByRole('button', { name: 'New flow' }));
    fireEvent.change(screen.getByLabelText('Flow name'), { target: { value: 'Orders' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create flow' }));

    expect(await screen.findByText('canvas route')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/flows/f9');
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/teams/t1/flows',
      expect.objectContaining({ method: 'POST', body: '{"name":"Orders"}' }),
    );
  });

  it('lists flows with their last run and runs of the last 24 hours from the list alone', async () => {
    const fetchMock = mockApi({
      'GET /api/teams/t1/flows': [
        {
          id: 'f1',
          name: 'Orders',
          status: 'published',
          publishedVersion: 2,
          updatedAt: '2025-01-01T00:00:00Z',
          lastRun: { id: 'x1', status: 'failed', createdAt: '2025-01-01T00:00:00Z' },
          runsLast24h: 7,
        },
        {
          id: 'f2',
          name: 'Drafty',
          status: 'draft',
          publishedVersion: null,
          updatedAt: '2025-01-01T00:00:00Z',
          lastRun: null,
          runsLast24h: 0,
        },
      ],
      'POST /api/teams/t1/flows/f1/disable': () =>
        jsonResponse(403, {
          statusCode: 403,
          error: 'Forbidden',
          message: 'Viewers cannot change flows',
        }),
    });
    renderList();

    expect(await screen.findByRole('link', { name: 'Orders' })).toHaveAttribute(
      'href',
      '/flows/f1',
    );
    expect(screen.getByRole('columnheader', { name: 'Runs (24 h)' })).toBeInTheDocument();
    const [, orders, drafty] = screen.getAllByRole('row');
    expect(within(orders).getByText('v2')).toBeInTheDocument();
    expect(within(orders).getByText('failed').closest('a')).toHaveAttribute(
      'href',
      '/flows/f1?run=x1',
    );
    expect(within(orders).getByRole('link', { name: '7' })).toHaveAttribute(
      'href',
      '/runs?flowId=f1',
    );
    expect(within(drafty).getByText('Never run')).toBeInTheDocument();
    expect(within(drafty).getByText('0')).toBeInTheDocument();
    // One request for the whole list: no per-row look-ups of runs.
    expect(
      fetchMock.mock.calls.map(([url]) => url).filter((url) => url.includes('/api/teams')),
    ).toEqual(['/api/teams/t1/flows']);

    fireEvent.click(within(orders).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Viewers cannot change flows')).toBeInTheDocument();
  });

  it('refreshes last run and runs in 24 h live, and says when a published flow has unpublished changes', async () => {
    const row = {
      id: 'f1',
      name: 'Orders',
      status: 'published',
      publishedVersion: 1,
      hasUnpublishedChanges: true,
      updatedAt: '2025-01-01T00:00:00Z',
      lastRun: null,
      runsLast24h: 0,
    };
    let listed = [row];
    mockApi({ 'GET /api/teams/t1/flows': () => jsonResponse(200, listed) });
    renderList();

    const cells = () => within(screen.getByRole('link', { name: 'Orders' }).closest('tr')!);
    expect(await screen.findByText('unpublished changes')).toBeInTheDocument();
    expect(cells().getByText('0')).toBeInTheDocument();

    listed = [
      {
        ...row,
        lastRun: { id: 'x1', status: 'succeeded', createdAt: '2025-01-01T00:00:00Z' } as never,
        runsLast24h: 1,
      },
    ];
    const [stream] = EventSourceStandIn.live('/api/teams/t1/events');
    act(() => {
      stream.open();
      stream.emit({
        type: 'execution.finished',
        executionId: 'x1',
        flowId: 'f1',
        status: 'succeeded',
      });
    });
    expect(await cells().findByRole('link', { name: '1' })).toBeInTheDocument();
    expect(cells().getByText('succeeded')).toBeInTheDocument();
  });

  it('deletes a flow only after the in-app dialog is answered', async () => {
    let flows = [
      {
        id: 'f1',
        name: 'Orders',
        status: 'published',
        publishedVersion: 2,
        updatedAt: '2025-01-01T00:00:00Z',
        lastRun: null,
        runsLast24h: 0,
      },
    ];
    const fetchMock = mockApi({
      'GET /api/teams/t1/flows': () => jsonResponse(200, flows),
      'DELETE /api/teams/t1/flows/f1': () => {
        flows = [];
        return jsonResponse(204, undefined);
      },
    });
    renderList();
    const deleteButton = await screen.findByRole('button', { name: 'Delete' });

    fireEvent.click(deleteButton);
    const asked = screen.getByRole('alertdialog', { name: 'Delete “Orders”?' });
    expect(asked).toHaveTextContent('its trigger URL stops working');
    fireEvent.click(within(asked).getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);

    fireEvent.click(deleteButton);
    fireEvent.click(screen.getByRole('button', { name: 'Delete flow' }));
    expect(await screen.findByRole('heading', { name: /No flows yet/ })).toBeInTheDocument();
  });
});
