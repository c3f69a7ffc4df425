import type { StepRun, StepRunStatus } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { executionsApi } from '../api/endpoints';
import { useFlowStore } from '../editor/flow-store-context';
import { AttemptsTimeline } from './attempts-timeline';
import { formatDuration } from './format-duration';
import { SOURCE_LABELS } from './runs-filter';
import { StepDetail } from './step-detail';
import { isFinished, useExecution } from './use-execution';

/** A run opened on the canvas: steps light up by status; per-step details; retry and cancel. */
export function RunPanel({
  teamId,
  executionId,
  onOpenRun,
}: {
  teamId: string;
  executionId: string;
  onOpenRun: (executionId: string | null) => void;
}) {
  const [reloadKey, setReloadKey] = useState(0);
  const { execution, error } = useExecution(teamId, executionId, reloadKey);
  const [actionError, setActionError] = useState<string | null>(null);
  const selectedId = useFlowStore((state) => state.selectedNodeIds[0]);
  const select = useFlowStore((state) => state.select);
  const setStepStatus = useFlowStore((state) => state.setStepStatus);
  const setSample = useFlowStore((state) => state.setSample);

  useEffect(() => {
    if (!execution) return;
    const status: Record<string, StepRunStatus> = {};
    const outputs: Record<string, unknown> = {};
    for (const step of execution.steps) {
      status[step.nodeId] = step.status;
      if (step.status === 'succeeded') outputs[step.nodeId] = step.output;
    }
    setStepStatus(status);
    setSample({ trigger: execution.trigger, steps: outputs });
  }, [execution, setStepStatus, setSample]);
  // Leaving the run clears the colours from the canvas.
  useEffect(() => () => setStepStatus({}), [setStepStatus]);

  const act = async (action: () => Promise<{ executionId?: string } | unknown>) => {
    setActionError(null);
    try {
      const result = (await action()) as { executionId?: string } | undefined;
      if (result?.executionId && result.executionId !== executionId) onOpenRun(result.executionId);
      else setReloadKey((key) => key + 1);
    } catch (caught) {
      setActionError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  // A retry from the failed step keeps the steps that succeeded: they started before the
  // attempt before this one ended.
  const earlierEnd = execution?.attempts.at(-2)?.finishedAt;
  const keptFromEarlier = (step: StepRun) =>
    !!earlierEnd && Date.parse(step.startedAt) <= Date.parse(earlierEnd);
  const latestByNode = new Map<string, StepRun>();
  for (const step of execution?.steps ?? []) latestByNode.set(step.nodeId, step);
  const selectedStep = selectedId ? latestByNode.get(selectedId) : undefined;

  return (
    <aside className="panel" aria-label="Run">
      <div className="panel__section">
        <div className="run-panel__header">
          <h2>Run</h2>
          <button type="button" className="button button--small" onClick={() => onOpenRun(null)}>
            Back to editing
          </button>
        </div>
        <p className="muted small">
          <code>{executionId}</code>
        </p>
        {error && <p className="form-error">{error.message}</p>}
        {execution && (
          <>
            <p>
              <span className={`badge badge--${execution.status}`} data-testid="run-status">
                {execution.status}
              </span>{' '}
              {SOURCE_LABELS[execution.source]} ·{' '}
              {execution.version === null ? 'draft' : `version ${execution.version}`}
              {formatDuration(execution.startedAt, execution.finishedAt) &&
                ` · took ${formatDuration(execution.startedAt, execution.finishedAt)}`}
              {execution.dryRun && (
                <>
                  {' '}
                  <span className="badge" data-testid="run-dry-run">
                    dry run
                  </span>
                </>
              )}
              {execution.replay?.forced && (
                <>
                  {' '}
                  <span className="badge badge--rejected" data-testid="run-forced-replay">
                    forced replay of a rejected request
                  </span>
                </>
              )}
            </p>
            {execution.retriedFrom && (
              <p className="small" data-testid="run-retried">
                Attempt {execution.attempt},{' '}
                {execution.retriedFrom === 'failed'
                  ? 'retried from the failed step (steps that succeeded were kept)'
                  : 'retried from the start'}
              </p>
            )}
            {execution.error && (
              <p className="form-error" data-testid="run-error">
                {execution.error}
              </p>
            )}
            <div className="run-panel__actions">
              {execution.status === 'failed' && (
                <button
                  type="button"
                  className="button button--small button--primary"
                  onClick={() => void act(() => executionsApi.retry(teamId, executionId, 'failed'))}
                >
                  Retry from failed step
                </button>
              )}
              {isFinished(execution.status) && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void act(() => executionsApi.retry(teamId, executionId, 'start'))}
                >
                  Retry from start
                </button>
              )}
              {!isFinished(execution.status) && (
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => void act(() => executionsApi.cancel(teamId, executionId))}
                >
                  Cancel
                </button>
              )}
            </div>
            {actionError && <p className="form-error">{actionError}</p>}
          </>
        )}
      </div>
      {execution && execution.attempts.length > 1 && (
        <div className="panel__section">
          <h3 className="panel__subheading">Attempts</h3>
          <AttemptsTimeline attempts={execution.attempts} />
        </div>
      )}
      {execution && (
        <div className="panel__section">
          <h3 className="panel__subheading">Steps</h3>
          {execution.steps.length === 0 && <p className="muted small">No step has run yet.</p>}
          <ul className="step-list">
            {[...latestByNode.values()].map((step) => (
              <li key={step.id}>
                <button
                  type="button"
                  className={`step-list__item${selectedId === step.nodeId ? ' step-list__item--active' : ''}`}
                  onClick={() => select([step.nodeId])}
                >
                  <span className={`badge badge--${step.status}`}>{step.status}</span>
                  <span>{step.name}</span>
                  {keptFromEarlier(step) && (
                    <span className="muted small">kept from attempt before</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
          {selectedStep && <StepDetail step={selectedStep} />}
          {selectedId && !selectedStep && <p className="muted small">This step did not run.</p>}
        </div>
      )}
    </aside>
  );
}
