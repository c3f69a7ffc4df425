import { validateFlowDefinition, type FlowDefinition } from '@hookflow/shared';
import { ReactFlowProvider } from '@xyflow/react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useFlowStoreApi, FlowStoreProvider } from './flow-store-context';
import type { FlowStore } from './flow-store';
import { IssuesButton } from './issues-list';

const definition: FlowDefinition = {
  schemaVersion: 1,
  nodes: [
    { id: 'n1', type: 'trigger.webhook', name: 'Webhook', config: {}, position: { x: 0, y: 0 } },
    { id: 'n2', type: 'slack.message', name: 'Tell Slack', config: {}, position: { x: 300, y: 0 } },
    { id: 'n3', type: 'logic.if', name: 'Big order?', config: {}, position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'n2' },
    { id: 'e2', source: 'n3', target: 'n2' },
  ],
};

function renderButton() {
  let store: FlowStore | undefined;
  const Capture = () => {
    store = useFlowStoreApi();
    return null;
  };
  render(
    <ReactFlowProvider>
      <FlowStoreProvider initialDefinition={definition}>
        <Capture />
        <IssuesButton />
      </FlowStoreProvider>
    </ReactFlowProvider>,
  );
  return store!;
}

describe('IssuesButton', () => {
  it('lists the issues in plain words and selects the step of the one clicked', () => {
    const store = renderButton();
    expect(screen.queryByRole('button', { name: /issue/ })).not.toBeInTheDocument();

    const result = validateFlowDefinition(definition);
    if (result.ok) throw new Error('expected issues');
    act(() => store.getState().setIssues(result.issues));
    const toggle = screen.getByRole('button', { name: `${result.issues.length} issues` });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);

    const list = screen.getByRole('list', { name: 'Issues' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(result.issues.length);
    // Field labels, no ids or paths.
    const slack = within(list).getAllByRole('button', { name: /^Tell Slack/ });
    expect(slack.map((item) => item.textContent)).toContain('Tell Slack“Text” is required');
    expect(list.textContent).not.toMatch(/\(n\d\)|field "/);

    // An edge's issue (e2 must leave "Big order?" by true/false) selects the step it leaves.
    fireEvent.click(within(list).getByRole('button', { name: /must leave by its true or false/ }));
    expect(store.getState().selectedNodeIds).toEqual(['n3']);
    expect(screen.queryByRole('list', { name: 'Issues' })).not.toBeInTheDocument();

    fireEvent.click(toggle);
    const reopened = screen.getByRole('list', { name: 'Issues' });
    fireEvent.click(within(reopened).getAllByRole('button', { name: /^Tell Slack/ })[0]);
    expect(store.getState().selectedNodeIds).toEqual(['n2']);
  });

  it('closes on Escape', () => {
    const store = renderButton();
    act(() =>
      store.getState().setIssues([{ message: 'Flow needs exactly one trigger node; it has none' }]),
    );
    fireEvent.click(screen.getByRole('button', { name: '1 issue' }));
    expect(screen.getByRole('list', { name: 'Issues' })).toHaveTextContent(
      'FlowFlow needs exactly one trigger node; it has none',
    );
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('list', { name: 'Issues' })).not.toBeInTheDocument();
  });
});
