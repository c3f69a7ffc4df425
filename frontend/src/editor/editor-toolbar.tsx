import type { FlowView } from '@hookflow/shared';
import { useReactFlow } from '@xyflow/react';
import { ArrowLeft, Maximize, Network, Redo2, Undo2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useFlowStore } from './flow-store-context';
import type { SaveState } from './use-autosave';
import { PublishDialog } from './publish-dialog';
import { RunDialog } from './run-dialog';
import { IssuesButton } from './issues-list';
import { FlowStatusBadge } from '../flows/flow-status-badge';
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
  const undo = useFlowStore((state) => state.undo);
  const redo = useFlowStore((state) => state.redo);
  const autoLayout = useFlowStore((state) => state.autoLayout);
  const { fitView } = useReactFlow();
  const [dialog, setDialog] = useState<'publish' | 'run' | null>(null);
  const { status } = autosave;

  return (
    <header className="editor__toolbar">
      {/* Three groups on one row: where you are, canvas tools, flow actions. */}
      <div className="editor__toolbar-start">
        <Link to="/flows" className="editor__back" aria-label="Back to flows" title="Back to flows">
          <ArrowLeft size={16} aria-hidden="true" />
          Flows
        </Link>
        <h1 className="editor__title" title={flow.name}>
          {flow.name}
        </h1>
        <FlowStatusBadge flow={flow} />
        {flow.publishedVersion !== null && (
          <span className="editor__version">v{flow.publishedVersion} live</span>
        )}
        <span
          className={`editor__save editor__save--${status.state}`}
          role="status"
          aria-label="Save status"
          title={status.state === 'error' ? status.error.message : SAVE_LABELS[status.state]}
        >
          {SAVE_LABELS[status.state]}
          {status.state === 'error' && `: ${status.error.message}`}
        </span>
      </div>
      <div className="editor__toolbar-tools" role="group" aria-label="Canvas tools">
        <ToolButton label="Undo" shortcut="Ctrl+Z" onClick={undo} disabled={!canUndo}>
          <Undo2 size={16} />
        </ToolButton>
        <ToolButton label="Redo" shortcut="Ctrl+Shift+Z" onClick={redo} disabled={!canRedo}>
          <Redo2 size={16} />
        </ToolButton>
        <ToolButton
          label="Auto-layout"
          onClick={() => {
            autoLayout();
            requestAnimationFrame(() => void fitView({ maxZoom: 1, duration: 200 }));
          }}
        >
          <Network size={16} />
        </ToolButton>
        <ToolButton label="Zoom to fit" onClick={() => void fitView({ maxZoom: 1, duration: 200 })}>
          <Maximize size={16} />
        </ToolButton>
      </div>
      <div className="editor__actions">
        <IssuesButton />
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
            onFlowChange({
              ...flow,
              status: 'published',
              publishedVersion: version,
              hasUnpublishedChanges: false,
            })
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

/** An icon button whose name (for screen readers and tests) and tooltip are its label. */
function ToolButton({
  label,
  shortcut,
  onClick,
  disabled,
  children,
}: {
  label: string;
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="button button--small button--icon"
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={onClick}
      disabled={disabled}
    >
      {children}
    </button>
  );
}
