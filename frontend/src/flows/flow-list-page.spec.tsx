import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
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
      await screen.findByRole('heading', { name: 'No flows yet — create your first flow' }),
    ).toBeInTheDocument();
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

  it('lists flows with their last run and shows an action error next to its flow', async () => {
    mockApi({
      'GET /api/teams/t1/flows': [
        {
          id: 'f1',
          name: 'Orders',
          status: 'published',
          publishedVersion: 2,
          updatedAt: '2025-01-01T00:00:00Z',
        },
      ],
      'GET /api/teams/t1/executions?flowId=f1&limit=1': {
        items: [{ id: 'x1', flowId: 'f1', status: 'failed', createdAt: '2025-01-01T00:00:00Z' }],
        nextCursor: null,
      },
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
    expect(screen.getByText('v2')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('failed')).toBeInTheDocument());
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Viewers cannot change flows')).toBeInTheDocument();
  });
});
