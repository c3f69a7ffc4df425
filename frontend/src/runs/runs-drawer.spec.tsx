import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { jsonResponse, mockFetch } from '../test/fetch-mock';
import { signIn, signOut } from '../test/api-mock';
import { RunsDrawer } from './runs-drawer';

beforeEach(signIn);
afterEach(signOut);

describe('RunsDrawer', () => {
  it("lists the flow's runs and opens one in place, without navigating", async () => {
    const fetchMock = mockFetch(async () =>
      jsonResponse(200, {
        items: [
          {
            id: 'e7',
            flowId: 'f1',
            version: null,
            status: 'failed',
            deliveryId: null,
            dryRun: false,
            replay: null,
            source: 'test',
            triggerSummary: 'POST {"order":7}',
            error: 'Step "Send" failed: boom',
            attempt: 1,
            retriedFrom: null,
            failedAttempts: 0,
            createdAt: '2025-01-01T00:00:00Z',
            startedAt: '2025-01-01T00:00:00Z',
            finishedAt: '2025-01-01T00:00:01Z',
          },
        ],
        nextCursor: null,
      }),
    );
    const opened: string[] = [];
    const closed = jest.fn();
    const router = createMemoryRouter(
      [
        {
          path: '/flows/:flowId',
          element: (
            <RunsDrawer
              teamId="t1"
              flowId="f1"
              onOpenRun={(id) => opened.push(id)}
              onClose={closed}
            />
          ),
        },
      ],
      { initialEntries: ['/flows/f1'] },
    );
    render(<RouterProvider router={router} />);
    const row = await screen.findByTestId('run-row');
    expect(String(fetchMock.mock.calls[0][0])).toContain('flowId=f1');
    expect(row).toHaveTextContent('Test URL');
    fireEvent.click(screen.getByText('POST {"order":7}'));
    fireEvent.click(screen.getByRole('link', { name: 'Open run e7' }));
    expect(opened).toEqual(['e7', 'e7']);
    expect(router.state.location.pathname).toBe('/flows/f1');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(closed).toHaveBeenCalled();
  });
});
