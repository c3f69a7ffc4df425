import type { FlowView } from '@hookflow/shared';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useFlowStoreApi } from './flow-store-context';
import { useAutosave } from './use-autosave';
import { SidePanel } from '../panel/side-panel';
import { RunPanel } from '../runs/run-panel';
import { RunsDrawer } from '../runs/runs-drawer';
import { EditorToolbar } from './editor-toolbar';
import { FlowCanvas } from './flow-canvas';
import { NodePalette } from './node-palette';

export interface FlowEditorProps {
  teamId: string;
  flow: FlowView;
  onFlowChange: (flow: FlowView) => void;
}

/** Toolbar, palette, canvas and side panel of one open flow; `?run=<id>` shows that run on it. */
export function FlowEditor({ teamId, flow, onFlowChange }: FlowEditorProps) {
  const store = useFlowStoreApi();
  const autosave = useAutosave(teamId, flow.id, store);
  const { screenToFlowPosition } = useReactFlow();
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const [showRuns, setShowRuns] = useState(false);

  const openRun = useCallback(
    (executionId: string | null) =>
      setParams(executionId ? { run: executionId } : {}, { replace: true }),
    [setParams],
  );

  const addAtCenter = (type: string) => {
    const canvas = document.querySelector('[data-testid=flow-canvas]')?.getBoundingClientRect();
    const center = canvas
      ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
      : { x: 0, y: 0 };
    store.getState().addNode(type, screenToFlowPosition(center));
  };

  return (
    <section className="editor">
      <EditorToolbar
        teamId={teamId}
        flow={flow}
        onFlowChange={onFlowChange}
        autosave={autosave}
        onRunStarted={openRun}
        onShowRuns={() => setShowRuns((shown) => !shown)}
      />
      <div className="editor__body">
        {!runId && <NodePalette onAdd={addAtCenter} />}
        <FlowCanvas readOnly={!!runId} />
        {runId ? (
          <RunPanel teamId={teamId} executionId={runId} onOpenRun={openRun} />
        ) : (
          <SidePanel teamId={teamId} flow={flow} onOpenRun={openRun} />
        )}
        {showRuns && (
          <RunsDrawer
            teamId={teamId}
            flowId={flow.id}
            onOpenRun={(executionId) => {
              setShowRuns(false);
              openRun(executionId);
            }}
            onClose={() => setShowRuns(false)}
          />
        )}
      </div>
    </section>
  );
}
