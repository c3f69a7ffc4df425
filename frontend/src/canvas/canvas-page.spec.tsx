import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { CanvasPage } from './canvas-page';

function renderAt(path: string) {
  const router = createMemoryRouter([{ path: '/flows/:flowId', element: <CanvasPage /> }], {
    initialEntries: [path],
  });
  return render(<RouterProvider router={router} />);
}

describe('CanvasPage', () => {
  it('renders a new flow with its webhook trigger node from the store', async () => {
    renderAt('/flows/new');

    const canvas = screen.getByTestId('flow-canvas');
    const node = await within(canvas).findByText('Webhook');
    const nodeElement = node.closest('.react-flow__node');
    expect(nodeElement).toHaveAttribute('data-id', 'n1');
    expect(nodeElement).toHaveClass('react-flow__node-flowNode');
    expect(nodeElement).toHaveTextContent('Trigger');
    expect(nodeElement).toHaveTextContent('trigger.webhook');
    // A trigger starts the flow: an output handle, no input handle.
    expect(nodeElement!.querySelectorAll('.react-flow__handle.source')).toHaveLength(1);
    expect(nodeElement!.querySelectorAll('.react-flow__handle.target')).toHaveLength(0);
    expect(canvas.querySelectorAll('.react-flow__node')).toHaveLength(1);
    expect(canvas.querySelector('.react-flow__minimap')).not.toBeNull();
    expect(canvas.querySelector('.react-flow__controls')).not.toBeNull();
  });

  it('says so when the flow does not exist', () => {
    renderAt('/flows/abc');

    expect(screen.getByRole('heading', { name: 'Flow not found' })).toBeInTheDocument();
    expect(screen.queryByTestId('flow-canvas')).not.toBeInTheDocument();
  });
});
