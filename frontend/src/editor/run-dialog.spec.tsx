import { createDefaultDefinition } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FlowStoreProvider } from './flow-store-context';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { RunDialog } from './run-dialog';

function renderDialog(definition = createDefaultDefinition()) {
  const onStarted = jest.fn();
  const flush = jest.fn(async () => undefined);
  render(
    <FlowStoreProvider initialDefinition={definition}>
      <RunDialog
        teamId="t1"
        flowId="f1"
        flush={flush}
        onClose={() => undefined}
        onStarted={onStarted}
      />
    </FlowStoreProvider>,
  );
  return { onStarted, flush };
}

/** Answers the run call and keeps the bodies it was sent. */
function mockRun() {
  const bodies: unknown[] = [];
  mockApi({
    'POST /api/teams/t1/flows/f1/run': (init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)));
      return jsonResponse(202, { executionId: 'e1' });
    },
  });
  return bodies;
}

beforeEach(signIn);
afterEach(signOut);

describe('RunDialog', () => {
  it('runs the saved draft with the edited payload, really sending by default', async () => {
    const bodies = mockRun();
    const { onStarted, flush } = renderDialog();
    fireEvent.change(screen.getByRole('textbox', { name: /payload/i }), {
      target: { value: '{"order": 7}' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));

    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('e1'));
    expect(flush).toHaveBeenCalled();
    expect(bodies).toEqual([{ payload: { order: 7 }, dryRun: false }]);
  });

  it('asks for a dry run when the box is ticked', async () => {
    const bodies = mockRun();
    const { onStarted } = renderDialog();
    const box = screen.getByRole('checkbox', { name: /dry run/i });
    expect(box).not.toBeChecked();
    fireEvent.click(box);
    expect(screen.getByText(/recorded with what they would have sent/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));

    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('e1'));
    expect(bodies).toEqual([expect.objectContaining({ dryRun: true })]);
  });

  it('prefills the payload with the provider preset’s sample for the filtered event', () => {
    const definition = createDefaultDefinition();
    definition.nodes[0].config = { methods: ['POST'], auth: { type: 'github', events: ['push'] } };
    renderDialog(definition);
    const payload = screen.getByRole('textbox', { name: /payload/i }) as HTMLTextAreaElement;
    expect(JSON.parse(payload.value)).toMatchObject({ ref: 'refs/heads/main', pusher: {} });
  });

  it("lists the draft's issues when the API refuses to run it", async () => {
    const issue = {
      nodeId: 'n2',
      field: 'url',
      message: 'Node "Create order" (n2): field "url" is required',
    };
    mockApi({
      'POST /api/teams/t1/flows/f1/run': () =>
        jsonResponse(409, {
          statusCode: 409,
          error: 'Conflict',
          message: `The draft cannot run until its issues are fixed in the editor: ${issue.message}`,
          issues: [issue],
        }),
    });
    const { onStarted } = renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent('The draft cannot run until these issues are fixed:');
    expect(within(refusal).getByRole('listitem')).toHaveTextContent(issue.message);
    expect(onStarted).not.toHaveBeenCalled();
    // Ready to try again once the draft is fixed.
    expect(screen.getByRole('button', { name: 'Run now' })).toBeEnabled();
  });
});
