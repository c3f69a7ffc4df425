import type { FlowView } from '@hookflow/shared';
import { useReactFlow } from '@xyflow/react';
import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';
import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useFlowStoreApi } from './flow-store-context';
import { useAutosave } from './use-autosave';
import { useRememberedToggle } from './use-remembered-toggle';
import { useUndoShortcuts } from './use-undo-shortcuts';
import { SidePanel } from '../panel/side-panel';
import { NewRunToast } from '../live/new-run-toast';
import { useTeamEvents } from '../live/use-team-events';
import { RunPanel } from '../runs/run-panel';
import { RunsDrawer } from '../runs/runs-drawer';
import { EditorToolbar } from './editor-toolbar';
import { FlowCanvas } from './flow-canvas';
import { NodePalette } from './node-palette';

export const PALETTE_STORAGE_KEY = 'hookflow.editor.palette';
export const SIDE_PANEL_STORAGE_KEY = 'hookflow.editor.sidePanel';

export interface FlowEditorProps {
  teamId: string;
  flow: FlowView;
  onFlowChange: (flow: FlowView) => void;
}

/** Toolbar, palette, canvas and side panel of one open flow; `?run=<id>` shows that run on it. */
export function FlowEditor({ teamId, flow, onFlowChange }: FlowEditorProps) {
  const store = useFlowStoreApi();
  const autosave = useAutosave(teamId, flow.id, store);
  const { screenToFlowPosition, flowToScreenPosition, getZoom, setCenter } = useReactFlow();
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const [paletteOpen, togglePalette] = useRememberedToggle(PALETTE_STORAGE_KEY, true);
  const [panelOpen, togglePanel] = useRememberedToggle(SIDE_PANEL_STORAGE_KEY, true);
  const editorRef = useRef<HTMLElement>(null);
  useUndoShortcuts(editorRef, store, !!runId);
  const [showRuns, setShowRuns] = useState(false);

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

  // After the selected step, connected; in the middle of the visible canvas when none is selected.
  const addFromPalette = (type: string) => {
    const canvas = document.querySelector('[data-testid=flow-canvas]')?.getBoundingClientRect();
    const center = canvas
      ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
      : { x: 0, y: 0 };
    const id = store.getState().addNodeAfterSelection(type, screenToFlowPosition(center));
    if (id) requestAnimationFrame(() => bringIntoView(id));
  };

  // A step added after the selection can land past the edge of the canvas: pan to it.
  const bringIntoView = (id: string) => {
    const node = store.getState().definition.nodes.find((candidate) => candidate.id === id);
    const canvas = document.querySelector('[data-testid=flow-canvas]')?.getBoundingClientRect();
    if (!node || !canvas) return;
    const size = store.getState().measured[id] ?? { width: 220, height: 70 };
    const topLeft = flowToScreenPosition(node.position);
    const zoom = getZoom();
    const inside =
      topLeft.x >= canvas.left &&
      topLeft.y >= canvas.top &&
      topLeft.x + size.width * zoom <= canvas.right &&
      topLeft.y + size.height * zoom <= canvas.bottom;
    if (!inside)
      void setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
        zoom,
        duration: 200,
      });
  };

  return (
    <section className="editor" ref={editorRef}>
      <EditorToolbar
        teamId={teamId}
        flow={flow}
        onFlowChange={onFlowChange}
        autosave={autosave}
        onRunStarted={openRun}
        onShowRuns={() => setShowRuns((shown) => !shown)}
      />
      <div className="editor__body">
        {!runId && paletteOpen && <NodePalette onAdd={addFromPalette} />}
        <div className="editor__canvas-area">
          <FlowCanvas readOnly={!!runId} />
          {!runId && (
            <PanelToggle
              side="left"
              open={paletteOpen}
              label="steps palette"
              onToggle={togglePalette}
            />
          )}
          <PanelToggle
            side="right"
            open={panelOpen}
            label={runId ? 'run panel' : 'side panel'}
            onToggle={togglePanel}
          />
        </div>
        {panelOpen &&
          (runId ? (
            <RunPanel teamId={teamId} executionId={runId} onOpenRun={openRun} />
          ) : (
            <SidePanel teamId={teamId} flow={flow} onOpenRun={openRun} />
          ))}
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

/** Hides or shows a side of the editor, to give the canvas room on small screens. */
function PanelToggle({
  side,
  open,
  label,
  onToggle,
}: {
  side: 'left' | 'right';
  open: boolean;
  label: string;
  onToggle: () => void;
}) {
  const Icon =
    side === 'left'
      ? open
        ? PanelLeftClose
        : PanelLeftOpen
      : open
        ? PanelRightClose
        : PanelRightOpen;
  const name = `${open ? 'Hide' : 'Show'} the ${label}`;
  return (
    <button
      type="button"
      className={`button button--small button--icon panel-toggle panel-toggle--${side}`}
      aria-label={name}
      aria-expanded={open}
      title={name}
      onClick={onToggle}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
}
