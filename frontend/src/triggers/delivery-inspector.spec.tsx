import type { Delivery, DeliverySummary } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { DeliveryInspector } from './delivery-inspector';

const REPLAY = 'POST /api/teams/t1/flows/f1/deliveries/d1/replay';
const DETAIL = 'GET /api/teams/t1/flows/f1/deliveries/d1';

/** The list's view: a preview only; the inspector fetches the whole body. */
const summary: DeliverySummary = {
  id: 'd1',
  flowId: 'f1',
  mode: 'test',
  method: 'POST',
  path: '/hooks/key/test',
  headers: { 'content-type': 'application/json' },
  query: {},
  bodyPreview: '{"ord',
  bodyTruncated: true,
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
const detail: Delivery = { ...summary, rawBodyBase64: btoa('{"order":7}') };
const rejected: DeliverySummary = {
  ...summary,
  outcome: 'rejected',
  reason: 'bad_signature',
  executionId: null,
};

/** Answers the replay call with `answer` and keeps the bodies it was sent. */
function mockReplay(
  answer: () => Response = () => jsonResponse(202, { executionId: 'e2' }),
  shown: DeliverySummary = summary,
) {
  const bodies: unknown[] = [];
  mockApi({
    [DETAIL]: { ...detail, ...shown },
    [REPLAY]: (init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return answer();
    },
  });
  return bodies;
}

function renderInspector(shown: DeliverySummary = summary) {
  const onOpenRun = jest.fn();
  render(<DeliveryInspector teamId="t1" delivery={shown} onOpenRun={onOpenRun} />);
  return { onOpenRun };
}

beforeEach(signIn);
afterEach(signOut);

describe(DeliveryInspector.name, () => {
  it('replays into the draft for real by default and opens the new run', async () => {
    const bodies = mockReplay();
    const { onOpenRun } = renderInspector();
    // The whole body comes from the detail route, not the list's preview.
    expect(await screen.findByText('{"order":7}')).toBeInTheDocument();
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

  it('asks in the page before replaying a rejected delivery, then forces it', async () => {
    const bodies = mockReplay(undefined, rejected);
    const { onOpenRun } = renderInspector(rejected);
    await screen.findByText('{"order":7}');

    fireEvent.click(screen.getByRole('button', { name: 'Replay anyway…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Replay a rejected request' });
    expect(dialog).toHaveTextContent('This request was rejected (bad signature)');
    expect(bodies).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(bodies).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Replay anyway…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replay anyway' }));

    await waitFor(() => expect(onOpenRun).toHaveBeenCalledWith('e2'));
    expect(bodies).toEqual([{ target: 'draft', dryRun: false, force: true }]);
  });

  it('lists the draft issues, naming node and field, when a replay into an invalid draft is refused', async () => {
    const issue = 'Node "Create order" (n2): field "url" is required';
    const bodies = mockReplay(() =>
      jsonResponse(409, {
        statusCode: 409,
        error: 'Conflict',
        message: `The draft cannot run until its issues are fixed in the editor: ${issue}`,
        issues: [{ nodeId: 'n2', field: 'url', message: issue }],
      }),
    );
    const { onOpenRun } = renderInspector();
    await screen.findByText('{"order":7}');

    fireEvent.click(screen.getByRole('button', { name: 'Replay into draft' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent('The draft cannot run until these issues are fixed:');
    expect(within(refusal).getByRole('listitem')).toHaveTextContent(issue);
    expect(bodies).toEqual([{ target: 'draft', dryRun: false }]);
    expect(onOpenRun).not.toHaveBeenCalled();
  });
});
