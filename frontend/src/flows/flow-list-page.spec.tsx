import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { FlowListPage } from './flow-list-page';

describe('FlowListPage', () => {
  it('shows the empty state and opens a new flow from it', async () => {
    const router = createMemoryRouter(
      [
        { path: '/flows', element: <FlowListPage /> },
        { path: '/flows/:flowId', element: <p>canvas route</p> },
      ],
      { initialEntries: ['/flows'] },
    );
    render(<RouterProvider router={router} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Flows' })).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'No flows yet — create your first flow' }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'New flow' }));

    expect(await screen.findByText('canvas route')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/flows/new');
  });
});
