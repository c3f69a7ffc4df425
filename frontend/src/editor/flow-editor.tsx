import type { FlowView } from '@hookflow/shared';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useFlowStoreApi } from './flow-store-context';
import { useAutosave } from './use-autosave';
import { SidePanel } from '../panel/side-panel';
import { NewRunToast } from '../live/new-run-toast';
import { useTeamEvents } from '../live/use-team-events';
import { RunPanel } from '../runs/run-panel';
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

  const openRun = useCallback(
    (executionId: string | null) =>
      setParams(executionId ? { run: executionId } : {}, { replace: true }),
    [setParams],
  );

  // A test-URL run of this flow opens on the canvas as it happens; a production run is offered.
  const [newRun, setNewRun] = useState<string | null>(null);
  useTeamEvents(teamId, (event) => {
    if (event.type !== 'execution.created' || event.flowId !== flow.id) return;
    if (event.source === 'test') openRun(event.executionId);
    else if (event.source === 'production') setNewRun(event.executionId);
  });

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
      />
      <div className="editor__body">
        {!runId && <NodePalette onAdd={addAtCenter} />}
        <FlowCanvas readOnly={!!runId} />
        {runId ? (
          <RunPanel teamId={teamId} executionId={runId} onOpenRun={openRun} />
        ) : (
          <SidePanel teamId={teamId} flow={flow} onOpenRun={openRun} />
        )}
      </div>
      {newRun && newRun !== runId && (
        <NewRunToast
          onOpen={() => {
            openRun(newRun);
            setNewRun(null);
          }}
          onDismiss={() => setNewRun(null)}
        />
      )}
    </section>
  );
}
