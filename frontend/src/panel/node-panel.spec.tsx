import { createDefaultDefinition, type FlowDefinition, type FlowView } from '@hookflow/shared';
import { render, screen } from '@testing-library/react';
import { FlowStoreProvider } from '../editor/flow-store-context';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { NodePanel } from './node-panel';

const base = createDefaultDefinition();
const trigger = base.nodes[0];
const definition: FlowDefinition = {
  ...base,
  nodes: [
    trigger,
    {
      id: 'n7',
      type: 'http.request',
      name: 'Create order',
      position: { x: 200, y: 0 },
      config: { method: 'POST', url: 'http://127.0.0.1:9/orders' },
    },
  ],
  edges: [{ id: 'e1', source: trigger.id, target: 'n7' }],
};
const flow: FlowView = {
  id: 'f1',
  teamId: 't1',
  name: 'Orders',
  description: '',
  status: 'draft',
  publishedVersion: null,
  hasUnpublishedChanges: true,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  definition,
  webhookUrl: 'http://127.0.0.1:3000/hooks/key',
  testWebhookUrl: 'http://127.0.0.1:3000/hooks/key/test',
  issues: [],
};

beforeEach(signIn);
afterEach(signOut);

describe(NodePanel.name, () => {
  it("shows the step's kind under its name, never its raw id", async () => {
    mockApi({ 'GET /api/teams/t1/flows/f1/sample-data': { nodes: {} } });
    render(
      <FlowStoreProvider initialDefinition={definition}>
        <NodePanel teamId="t1" flow={flow} node={definition.nodes[1]} onOpenRun={() => undefined} />
      </FlowStoreProvider>,
    );

    expect(screen.getByDisplayValue('Create order')).toBeInTheDocument();
    const hint = document.querySelector('.field__hint');
    expect(hint).toHaveTextContent(/^HTTP request$/i);
    // The data picker names the earlier step by its name as well.
    expect(await screen.findByRole('button', { name: /Trigger: / })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/\bn7\b/);
  });
});
