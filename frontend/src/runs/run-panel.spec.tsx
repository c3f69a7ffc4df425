import { createDefaultDefinition, type Execution, type StepRun } from '@hookflow/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
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

  it('shows every attempt of a retried run, and that it was retried from the failed step', async () => {
    const failedCall: StepRun = {
      id: 's2',
      nodeId: 'n2',
      name: 'Send to ERP',
      nodeType: 'http.request',
      status: 'failed',
      attempt: 3,
      input: {},
      output: null,
      error: { message: 'answered 500', code: 'HTTP_STATUS', retryable: true },
      startedAt: '2025-01-01T00:00:00.100Z',
      finishedAt: '2025-01-01T00:00:00.150Z',
    };
    mockApi({
      'GET /api/teams/t1/executions/e1': {
        ...execution(false),
        attempt: 2,
        retriedFrom: 'failed',
        failedAttempts: 1,
        startedAt: '2025-01-01T00:05:00.000Z',
        finishedAt: '2025-01-01T00:05:00.040Z',
        attempts: [
          {
            attempt: 1,
            status: 'failed',
            error: 'Step "Send to ERP" failed: answered 500',
            startedFrom: null,
            startedAt: '2025-01-01T00:00:00.000Z',
            finishedAt: '2025-01-01T00:00:00.200Z',
            steps: [failedCall],
          },
          {
            attempt: 2,
            status: 'succeeded',
            error: null,
            startedFrom: 'failed',
            startedAt: '2025-01-01T00:05:00.000Z',
            finishedAt: '2025-01-01T00:05:00.040Z',
            steps: [],
          },
        ],
        steps: [
          {
            ...failedCall,
            id: 's1',
            nodeId: 'n1',
            name: 'Trigger',
            status: 'succeeded',
            error: null,
          },
          {
            ...failedCall,
            id: 's3',
            status: 'succeeded',
            attempt: 1,
            error: null,
            startedAt: '2025-01-01T00:05:00.001Z',
            finishedAt: '2025-01-01T00:05:00.030Z',
          },
        ],
      } satisfies Execution,
    });
    renderPanel();
    expect(await screen.findByTestId('run-retried')).toHaveTextContent(
      'retried from the failed step',
    );
    // the current attempt's own duration, not the time since the first one began
    expect(screen.getByTestId('run-status').parentElement).toHaveTextContent('took 40 ms');
    const attempts = screen.getAllByTestId('run-attempt');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toHaveTextContent('failed');
    expect(attempts[0]).toHaveTextContent('took 200 ms');
    expect(attempts[0]).toHaveTextContent('Step "Send to ERP" failed: answered 500');
    expect(attempts[1]).toHaveTextContent('retried from the failed step');
    // the trigger's step was kept from attempt 1, the call ran again
    const steps = screen.getAllByRole('button', { name: /Trigger|Send to ERP/ });
    expect(steps[0]).toHaveTextContent('kept from attempt before');
    expect(steps[1]).not.toHaveTextContent('kept');
    fireEvent.click(within(attempts[0]).getByText('Steps of attempt 1'));
    expect(within(attempts[0]).getByRole('listitem')).toHaveTextContent(
      'failed Send to ERP — answered 500',
    );
  });
});
