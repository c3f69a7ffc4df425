import { createDefaultDefinition, type Execution } from '@hookflow/shared';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { EventSourceStandIn } from '../test/event-source-stand-in';
import { CanvasPage } from './canvas-page';
import { PALETTE_STORAGE_KEY, SIDE_PANEL_STORAGE_KEY } from './flow-editor';

const flow = {
  id: 'f1',
  teamId: 't1',
  name: 'Orders',
  description: '',
  status: 'draft',
  publishedVersion: null,
  hasUnpublishedChanges: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  definition: createDefaultDefinition(),
  webhookUrl: 'http://localhost/hooks/k',
  testWebhookUrl: 'http://localhost/hooks/k/test',
  issues: [],
};

function renderAt(path: string) {
  const router = createMemoryRouter([{ path: '/flows/:flowId', element: <CanvasPage /> }], {
    initialEntries: [path],
  });
  render(<RouterProvider router={router} />);
  return router;
}

const run = (id: string): Execution => ({
  id,
  flowId: 'f1',
  version: null,
  status: 'succeeded',
  deliveryId: null,
  dryRun: false,
  replay: null,
  source: 'test',
  triggerSummary: 'POST /',
  attempt: 1,
  retriedFrom: null,
  failedAttempts: 0,
  error: null,
  createdAt: '2025-01-01T00:00:00Z',
  startedAt: '2025-01-01T00:00:00Z',
  finishedAt: '2025-01-01T00:00:01Z',
  trigger: { method: 'POST', path: '/', headers: {}, query: {}, body: {}, rawBody: '{}' },
  steps: [
    {
      id: 's1',
      nodeId: 'n1',
      nodeType: 'trigger.webhook',
      name: 'Webhook',
      status: 'succeeded',
      attempt: 1,
      input: null,
      output: {},
      error: null,
      startedAt: '2025-01-01T00:00:00Z',
      finishedAt: '2025-01-01T00:00:01Z',
    },
  ],
  attempts: [],
});

const liveStream = () => {
  const [stream] = EventSourceStandIn.live('/api/teams/t1/events');
  act(() => stream.open());
  return stream;
};
const created = (executionId: string, source: string, flowId = 'f1') => ({
  type: 'execution.created',
  executionId,
  flowId,
  source,
  status: 'queued',
});

beforeEach(signIn);
afterEach(signOut);

describe('CanvasPage', () => {
  it('loads the flow and renders its webhook trigger node, palette and panel', async () => {
    mockApi({ 'GET /api/teams/t1/flows/f1': flow });
    renderAt('/flows/f1');

    const canvas = await screen.findByTestId('flow-canvas');
    const node = await within(canvas).findByText('Webhook', { selector: '.flow-node__title' });
    const nodeElement = node.closest('.react-flow__node');
    expect(nodeElement).toHaveAttribute('data-id', 'n1');
    expect(nodeElement).toHaveTextContent('Trigger');
    // Its icon and the catalog's name for its type, never the type id.
    expect(nodeElement!.querySelector('svg[data-icon="webhook"]')).not.toBeNull();
    expect(nodeElement).not.toHaveTextContent('trigger.webhook');
    // A trigger starts the flow: an output handle, no input handle.
    expect(nodeElement!.querySelectorAll('.react-flow__handle.source')).toHaveLength(1);
    expect(nodeElement!.querySelectorAll('.react-flow__handle.target')).toHaveLength(0);
    expect(canvas.querySelector('.react-flow__minimap')).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Orders' })).toBeInTheDocument();
    expect(screen.getByRole('complementary', { name: 'Node palette' })).toHaveTextContent(
      'HTTP request',
    );
    expect(screen.getByRole('heading', { name: 'Add the first step' })).toBeInTheDocument();
  });

  it('remembers hidden palette and side panel across page loads', async () => {
    mockApi({ 'GET /api/teams/t1/flows/f1': flow });
    const first = renderAt('/flows/f1');
    fireEvent.click(await screen.findByRole('button', { name: 'Hide the steps palette' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hide the side panel' }));
    expect(screen.queryByRole('complementary', { name: 'Node palette' })).not.toBeInTheDocument();
    first.dispose();
    cleanup();

    // A new page load (same browser storage): both stay hidden until shown again.
    renderAt('/flows/f1');
    const showPalette = await screen.findByRole('button', { name: 'Show the steps palette' });
    expect(showPalette).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('button', { name: 'Show the side panel' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(screen.queryByRole('complementary', { name: 'Node palette' })).not.toBeInTheDocument();
    expect(screen.queryByRole('complementary', { name: 'Step settings' })).not.toBeInTheDocument();

    fireEvent.click(showPalette);
    expect(screen.getByRole('complementary', { name: 'Node palette' })).toBeInTheDocument();
    expect(localStorage.getItem(PALETTE_STORAGE_KEY)).toBe('open');
    expect(localStorage.getItem(SIDE_PANEL_STORAGE_KEY)).toBe('closed');
  });

  it('lists a webhook trigger’s bad rotation end date and unknown signed-text placeholder as issues', async () => {
    const definition = createDefaultDefinition();
    definition.nodes[0].config = {
      methods: ['POST'],
      auth: {
        type: 'hmac',
        secret: 's',
        header: 'X-Sig',
        signedPayloadTemplate: '{ts}.{body}',
        previousSecret: 'old',
        rotationEndsAt: 'next monday',
      },
    };
    mockApi({ 'GET /api/teams/t1/flows/f1': { ...flow, definition } });
    renderAt('/flows/f1');

    fireEvent.click(await screen.findByRole('button', { name: '2 issues' }));
    const list = screen.getByRole('list', { name: 'Issues' });
    expect(list).toHaveTextContent(
      '“Authentication › Accept the previous secret until” is not a date and time like 2026-12-31T12:00:00Z',
    );
    expect(list).toHaveTextContent(
      '“Authentication › Signed text” uses {ts}, which the signature check does not know',
    );
  });

  it('says so when the flow does not exist', async () => {
    mockApi();
    renderAt('/flows/abc');

    expect(await screen.findByRole('heading', { name: 'Flow not found' })).toBeInTheDocument();
    expect(screen.queryByTestId('flow-canvas')).not.toBeInTheDocument();
  });

  it('lights up a test-URL run of the open flow on the canvas as it starts', async () => {
    mockApi({
      'GET /api/teams/t1/flows/f1': flow,
      'GET /api/teams/t1/executions/x1': run('x1'),
    });
    const router = renderAt('/flows/f1');
    const canvas = await screen.findByTestId('flow-canvas');
    const stream = liveStream();

    act(() => stream.emit(created('x0', 'test', 'another-flow')));
    expect(router.state.location.search).toBe('');
    act(() => stream.emit(created('x1', 'test')));

    expect(router.state.location.search).toBe('?run=x1');
    await within(canvas).findByText('succeeded');
    expect(canvas.querySelector('[data-id=n1] .flow-node')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
  });

  it('offers a production run of the open flow in a toast that opens it', async () => {
    mockApi({
      'GET /api/teams/t1/flows/f1': flow,
      'GET /api/teams/t1/executions/x2': run('x2'),
    });
    const router = renderAt('/flows/f1');
    await screen.findByTestId('flow-canvas');
    const stream = liveStream();

    act(() => stream.emit(created('x2', 'production')));
    const toast = screen.getByRole('status', { name: 'New run' });
    expect(router.state.location.search).toBe('');
    fireEvent.click(within(toast).getByRole('button', { name: 'Open' }));

    expect(router.state.location.search).toBe('?run=x2');
    expect(screen.queryByRole('status', { name: 'New run' })).not.toBeInTheDocument();
    expect(await screen.findByTestId('run-status')).toHaveTextContent('succeeded');
  });

  it('says "unpublished changes" once a save makes the draft differ from the live version', async () => {
    let hasUnpublishedChanges = false;
    mockApi({
      'GET /api/teams/t1/flows/f1': () =>
        jsonResponse(200, {
          ...flow,
          status: 'published',
          publishedVersion: 1,
          hasUnpublishedChanges,
        }),
    });
    renderAt('/flows/f1');
    const toolbar = (await screen.findByRole('heading', { name: 'Orders' })).closest('header')!;
    expect(within(toolbar).getByText('published')).toBeInTheDocument();

    hasUnpublishedChanges = true;
    const stream = liveStream();
    act(() => stream.emit({ type: 'flow.changed', flowId: 'f1', change: 'saved' }));

    expect(await within(toolbar).findByText('unpublished changes')).toBeInTheDocument();
    expect(within(toolbar).getByText('v1 live')).toBeInTheDocument();
  });
});
