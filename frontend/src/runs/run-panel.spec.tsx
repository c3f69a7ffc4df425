import { createDefaultDefinition, type Execution } from '@hookflow/shared';
import { render, screen } from '@testing-library/react';
import { FlowStoreProvider } from '../editor/flow-store-context';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { RunPanel } from './run-panel';

const execution = (dryRun: boolean, failure?: string): Execution => ({
  id: 'e1',
  flowId: 'f1',
  version: null,
  status: failure ? 'failed' : 'succeeded',
  deliveryId: null,
  dryRun,
  replay: null,
  source: 'manual',
  triggerSummary: 'POST {}',
  error: failure ?? null,
  attempt: 1,
  retriedFrom: null,
  failedAttempts: 0,
  createdAt: '2025-01-01T00:00:00Z',
  startedAt: '2025-01-01T00:00:00Z',
  finishedAt: '2025-01-01T00:00:01Z',
  trigger: {
    method: 'POST',
    path: '(manual run)',
    headers: {},
    query: {},
    body: {},
    rawBody: '{}',
  },
  steps: [],
  attempts: [],
});

function renderPanel() {
  render(
    <FlowStoreProvider initialDefinition={createDefaultDefinition()}>
      <RunPanel teamId="t1" executionId="e1" onOpenRun={() => undefined} />
    </FlowStoreProvider>,
  );
}

beforeEach(signIn);
afterEach(signOut);

describe('RunPanel', () => {
  it('marks a dry run as such', async () => {
    mockApi({ 'GET /api/teams/t1/executions/e1': execution(true) });
    renderPanel();
    expect(await screen.findByTestId('run-dry-run')).toHaveTextContent('dry run');
  });

  it('shows no dry-run mark on a real run', async () => {
    mockApi({ 'GET /api/teams/t1/executions/e1': execution(false) });
    renderPanel();
    expect(await screen.findByTestId('run-status')).toHaveTextContent('succeeded');
    expect(screen.queryByTestId('run-dry-run')).not.toBeInTheDocument();
    expect(screen.queryByTestId('run-error')).not.toBeInTheDocument();
  });

  it('shows why a failed run failed, next to its status', async () => {
    mockApi({
      'GET /api/teams/t1/executions/e1': execution(false, 'The run could not be completed: boom'),
    });
    renderPanel();
    expect(await screen.findByTestId('run-error')).toHaveTextContent(
      'The run could not be completed: boom',
    );
    expect(screen.getByTestId('run-status')).toHaveTextContent('failed');
  });
});
