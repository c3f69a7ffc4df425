import type { FlowDefinition, FlowView } from '@hookflow/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FlowStoreProvider } from './flow-store-context';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { PublishDialog } from './publish-dialog';

const node = (id: string, name: string, config: Record<string, unknown>, x = 0) => ({
  id,
  type: id === 'n1' ? 'trigger.webhook' : 'http.request',
  name,
  config,
  position: { x, y: 0 },
});

const live: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    node('n1', 'Webhook', { methods: ['POST'], auth: { type: 'header', value: '••••••' } }),
    node('n2', 'Call API', { method: 'POST', url: 'https://api.example.com/v1' }),
    node('n3', 'Old step', { method: 'GET', url: 'https://old.example.com' }),
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'n2' },
    { id: 'e2', source: 'n2', target: 'n3' },
  ],
};

const flow = (publishedVersion: number | null): FlowView => ({
  id: 'f1',
  teamId: 't1',
  name: 'Orders',
  description: '',
  status: publishedVersion ? 'published' : 'draft',
  publishedVersion,
  hasUnpublishedChanges: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  definition: live,
  webhookUrl: 'http://localhost/hooks/k',
  testWebhookUrl: 'http://localhost/hooks/k/test',
  issues: [],
});

function renderDialog(draft: FlowDefinition, publishedVersion: number | null) {
  const onPublished = jest.fn();
  render(
    <FlowStoreProvider initialDefinition={draft}>
      <PublishDialog
        teamId="t1"
        flow={flow(publishedVersion)}
        flush={async () => {}}
        onClose={() => {}}
        onPublished={onPublished}
      />
    </FlowStoreProvider>,
  );
  return onPublished;
}

const versionAnswer = (definition: FlowDefinition) => ({
  version: 2,
  publishedAt: '2025-03-01T10:00:00Z',
  publishedBy: { userId: 'u2', name: 'Grace' },
  definition,
});

beforeEach(signIn);
afterEach(signOut);

describe('PublishDialog', () => {
  it('says it is the first publish when nothing is live, then publishes', async () => {
    const fetchMock = mockApi({
      'POST /api/teams/t1/flows/f1/publish': () =>
        jsonResponse(200, { version: 1, webhookUrl: 'w', testWebhookUrl: 't' }),
    });
    const onPublished = renderDialog(live, null);

    expect(
      screen.getByText("First publish: nothing is live yet; this draft's 3 steps will go live."),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));

    expect(await screen.findByRole('heading', { name: 'Published version 1' })).toBeInTheDocument();
    expect(onPublished).toHaveBeenCalledWith(1);
    expect(fetchMock.mock.calls.some(([url]) => url.includes('/versions'))).toBe(false);
  });

  it('lists what the draft changes against the live version fetched from the API', async () => {
    const draft: FlowDefinition = {
      schemaVersion: 1,
      nodes: [
        // Moved only: not a change.
        { ...live.nodes[0], position: { x: 300, y: 40 } },
        {
          ...live.nodes[1],
          name: 'Call the API',
          config: { method: 'PUT', url: 'https://api.example.com/v1' },
        },
        node('n4', 'Notify', { method: 'POST', url: 'https://hooks.example.com' }),
      ],
      edges: [
        { id: 'e1', source: 'n1', target: 'n2' },
        { id: 'e3', source: 'n2', target: 'n4' },
      ],
    };
    mockApi({ 'GET /api/teams/t1/flows/f1/versions/2': versionAnswer(live) });
    renderDialog(draft, 2);

    expect(screen.getByText('Comparing with the live version 2…')).toBeInTheDocument();
    const changes = await screen.findByRole('list', { name: 'Changes' });
    expect(
      screen.getByText(/^Changes since version 2 \(published .* by Grace\):$/),
    ).toBeInTheDocument();
    const items = within(changes)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual([
      '1 added: Notify',
      '1 removed: Old step',
      '1 changed: Call the API (name, config.method)',
      'Connections changed',
    ]);
    expect(
      screen.getByText('The trigger URL will run this draft as version 3.'),
    ).toBeInTheDocument();
  });

  it('says when the draft matches the live version, secrets included', async () => {
    mockApi({ 'GET /api/teams/t1/flows/f1/versions/2': versionAnswer(live) });
    renderDialog(structuredClone(live), 2);

    expect(
      await screen.findByText(/^No changes since version 2 \(published .* by Grace\)/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Changes' })).not.toBeInTheDocument();
  });

  it('explains when the live version cannot be loaded and still allows publishing', async () => {
    mockApi({
      'GET /api/teams/t1/flows/f1/versions/2': () =>
        jsonResponse(500, { statusCode: 500, error: 'Internal Server Error', message: 'boom' }),
    });
    renderDialog(live, 2);

    expect(
      await screen.findByText(/The live version 2 could not be loaded.*: boom$/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Publish' })).toBeEnabled();
  });
});
