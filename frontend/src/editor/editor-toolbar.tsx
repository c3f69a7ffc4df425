import type { FlowView } from '@hookflow/shared';
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useFlowStore } from './flow-store-context';
import type { SaveState } from './use-autosave';
import { PublishDialog } from './publish-dialog';
import { RunDialog } from './run-dialog';
import { FlowTemplateActions } from '../templates/flow-template-actions';

const SAVE_LABELS: Record<SaveState['state'], string> = {
  saved: 'All changes saved',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  error: 'Not saved',
};

export interface EditorToolbarProps {
  teamId: string;
  flow: FlowView;
  onFlowChange: (flow: FlowView) => void;
  autosave: { status: SaveState; flush: () => Promise<void> };
  onRunStarted: (executionId: string) => void;
  /** Opens the flow's runs in a drawer beside the canvas. */
  onShowRuns: () => void;
}

export function EditorToolbar({
  teamId,
  flow,
  onFlowChange,
  autosave,
  onRunStarted,
  onShowRuns,
}: EditorToolbarProps) {
  const canUndo = useFlowStore((state) => state.past.length > 0);
  const canRedo = useFlowStore((state) => state.future.length > 0);
  const issueCount = useFlowStore((state) => state.issues.length);
  const undo = useFlowStore((state) => state.undo);
  const redo = useFlowStore((state) => state.redo);
  const autoLayout = useFlowStore((state) => state.autoLayout);
  const { fitView } = useReactFlow();
  const [dialog, setDialog] = useState<'publish' | 'run' | null>(null);
  const { status } = autosave;

  return (
    <header className="editor__toolbar">
      <Link to="/flows" className="editor__back">
        ← Flows
      </Link>
      <h1 className="editor__title">{flow.name}</h1>
      <span className={`badge badge--${flow.status}`}>{flow.status}</span>
      {flow.publishedVersion !== null && (
        <span className="editor__version">v{flow.publishedVersion} live</span>
      )}
      <span
        className={`editor__save editor__save--${status.state}`}
        role="status"
        aria-label="Save status"
        title={status.state === 'error' ? status.error.message : undefined}
      >
        {SAVE_LABELS[status.state]}
        {status.state === 'error' && `: ${status.error.message}`}
      </span>
      <div className="editor__actions">
        <button
          type="button"
          className="button button--small"
          onClick={undo}
          disabled={!canUndo}
          title="Undo (Ctrl+Z)"
        >
          Undo
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={redo}
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            autoLayout();
            requestAnimationFrame(() => void fitView({ maxZoom: 1, duration: 200 }));
          }}
        >
          Auto-layout
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => void fitView({ maxZoom: 1, duration: 200 })}
        >
          Zoom to fit
        </button>
        {issueCount > 0 && (
          <span className="editor__issues" title="Steps with problems carry a red badge">
            {issueCount} issue{issueCount === 1 ? '' : 's'}
          </span>
        )}
        <FlowTemplateActions teamId={teamId} flow={flow} flush={autosave.flush} />
        <button type="button" className="button button--small" onClick={() => setDialog('run')}>
          Run
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          onClick={() => setDialog('publish')}
        >
          Publish
        </button>
      </div>
      {/* Looking back at runs, away from the buttons that start or publish one. */}
      <div className="editor__actions editor__actions--history">
        <button type="button" className="button button--small" onClick={onShowRuns}>
          Runs
        </button>
      </div>
      {dialog === 'publish' && (
        <PublishDialog
          teamId={teamId}
          flow={flow}
          flush={autosave.flush}
          onClose={() => setDialog(null)}
          onPublished={(version) =>
            onFlowChange({ ...flow, status: 'published', publishedVersion: version })
          }
        />
      )}
      {dialog === 'run' && (
        <RunDialog
          teamId={teamId}
          flowId={flow.id}
          flush={autosave.flush}
          onClose={() => setDialog(null)}
          onStarted={(executionId) => {
            setDialog(null);
            onRunStarted(executionId);
          }}
        />
      )}
    </header>
  );
}
