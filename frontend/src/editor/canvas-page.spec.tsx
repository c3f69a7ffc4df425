import { createDefaultDefinition } from '@hookflow/shared';
import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { CanvasPage } from './canvas-page';

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
  return render(<RouterProvider router={router} />);
}

beforeEach(signIn);
afterEach(signOut);

describe('CanvasPage', () => {
  it('loads the flow and renders its webhook trigger node, palette and panel', async () => {
    mockApi({ 'GET /api/teams/t1/flows/f1': flow });
    renderAt('/flows/f1');

    const canvas = await screen.findByTestId('flow-canvas');
    const node = await within(canvas).findByText('Webhook');
    const nodeElement = node.closest('.react-flow__node');
    expect(nodeElement).toHaveAttribute('data-id', 'n1');
    expect(nodeElement).toHaveTextContent('Trigger');
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

  it('says so when the flow does not exist', async () => {
    mockApi();
    renderAt('/flows/abc');

    expect(await screen.findByRole('heading', { name: 'Flow not found' })).toBeInTheDocument();
    expect(screen.queryByTestId('flow-canvas')).not.toBeInTheDocument();
  });
});
