import { createDefaultDefinition, type FlowIssue, type FlowView } from '@hookflow/shared';
import { render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { FlowStoreProvider, useFlowStore } from '../editor/flow-store-context';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { TriggerPanel } from './trigger-panel';

const flow: FlowView = {
  id: 'f1',
  teamId: 't1',
  name: 'Orders',
  description: '',
  status: 'published',
  publishedVersion: 1,
  hasUnpublishedChanges: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  definition: createDefaultDefinition(),
  webhookUrl: 'http://127.0.0.1:3000/hooks/key',
  testWebhookUrl: 'http://127.0.0.1:3000/hooks/key/test',
  issues: [],
};

/** What the editor does after validating the draft. */
function DraftIssues({ issues }: { issues: FlowIssue[] }) {
  const setIssues = useFlowStore((state) => state.setIssues);
  useEffect(() => setIssues(issues), [issues, setIssues]);
  return null;
}

function renderPanel(shown: FlowView, issues: FlowIssue[] = []) {
  mockApi({ 'GET /api/teams/t1/flows/f1/deliveries': { items: [], nextCursor: null } });
  render(
    <FlowStoreProvider initialDefinition={shown.definition}>
      <DraftIssues issues={issues} />
      <TriggerPanel teamId="t1" flow={shown} onOpenRun={() => undefined} />
    </FlowStoreProvider>,
  );
}

beforeEach(signIn);
afterEach(signOut);

describe(TriggerPanel.name, () => {
  it('says the test URL refuses requests while the draft has issues, and lists them', async () => {
    const issue = {
      nodeId: 'n2',
      field: 'url',
      message: 'Node "Create order" (n2): field "url" is required',
    };
    renderPanel(flow, [issue]);

    const note = await screen.findByRole('note', { name: 'Test URL refuses requests' });
    expect(note).toHaveTextContent('The test URL refuses requests (409, recorded below)');
    expect(within(note).getByRole('listitem')).toHaveTextContent(issue.message);
  });

  it('says nothing of the kind for a valid draft, and what a disabled flow answers', async () => {
    renderPanel({ ...flow, status: 'disabled' });

    expect(
      await screen.findByText(/its production URL answers 503 with Retry-After: 300/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note', { name: 'Test URL refuses requests' })).toBeNull();
  });
});
