import type { Delivery } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { DeliveryInspector } from './delivery-inspector';

const REPLAY = 'POST /api/teams/t1/flows/f1/deliveries/d1/replay';

const delivery: Delivery = {
  id: 'd1',
  flowId: 'f1',
  mode: 'test',
  method: 'POST',
  path: '/hooks/key/test',
  headers: { 'content-type': 'application/json' },
  query: {},
  rawBodyBase64: btoa('{"order":7}'),
  contentType: 'application/json',
  sizeBytes: 11,
  outcome: 'accepted',
  reason: null,
  verification: null,
  executionId: 'e1',
  duplicateOf: null,
  poll: null,
  receivedAt: '2025-01-01T00:00:00Z',
};

/** Answers the replay call with `answer` and keeps the bodies it was sent. */
function mockReplay(answer: () => Response = () => jsonResponse(202, { executionId: 'e2' })) {
  const bodies: unknown[] = [];
  mockApi({
    [REPLAY]: (init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return answer();
    },
  });
  return bodies;
}

function renderInspector() {
  const onOpenRun = jest.fn();
  render(<DeliveryInspector teamId="t1" delivery={delivery} onOpenRun={onOpenRun} />);
  return { onOpenRun };
}

beforeEach(signIn);
afterEach(signOut);

describe(DeliveryInspector.name, () => {
  it('replays into the draft for real by default and opens the new run', async () => {
    const bodies = mockReplay();
    const { onOpenRun } = renderInspector();
    expect(screen.getByText('{"order":7}')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /dry run/i })).not.toBeChecked();

    fireEvent.click(screen.getByRole('button', { name: 'Replay into draft' }));

    await waitFor(() => expect(onOpenRun).toHaveBeenCalledWith('e2'));
    expect(bodies).toEqual([{ target: 'draft', dryRun: false }]);
  });

  it('replays as a dry run when the box is ticked', async () => {
    const bodies = mockReplay();
    const { onOpenRun } = renderInspector();
    expect(screen.queryByText(/would have sent/)).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('checkbox', { name: /dry run/i }));
    expect(screen.getByText(/would have sent/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Replay into published' }));

    await waitFor(() => expect(onOpenRun).toHaveBeenCalledWith('e2'));
    expect(bodies).toEqual([{ target: 'published', dryRun: true }]);
  });

  it('shows why the server refused a replay', async () => {
    const bodies = mockReplay(() =>
      jsonResponse(404, {
        statusCode: 404,
        error: 'Not Found',
        message: 'This flow has no published version to replay into',
      }),
    );
    const { onOpenRun } = renderInspector();

    fireEvent.click(screen.getByRole('checkbox', { name: /dry run/i }));
    fireEvent.click(screen.getByRole('button', { name: 'Replay into published' }));

    expect(
      await screen.findByText('This flow has no published version to replay into'),
    ).toBeInTheDocument();
    expect(bodies).toEqual([{ target: 'published', dryRun: true }]);
    expect(onOpenRun).not.toHaveBeenCalled();
  });
});
