import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, type DragEvent, type KeyboardEvent } from 'react';
import { useCanvasGraph, useFlowStore, useFlowStoreApi } from './flow-store-context';
import { FLOW_NODE_TYPE } from './flow-store';
import { FlowNode } from './flow-node';
import { PALETTE_MIME } from './node-palette';
import { isTyping } from './use-undo-shortcuts';

// Module scope: a new object per render would make React Flow remount every node.
const nodeTypes: NodeTypes = { [FLOW_NODE_TYPE]: FlowNode };
const DELETE_KEYS = ['Backspace', 'Delete'];

export function FlowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const { nodes, edges } = useCanvasGraph();
  const store = useFlowStoreApi();
  const applyNodeChanges = useFlowStore((state) => state.applyNodeChanges);
  const applyEdgeChanges = useFlowStore((state) => state.applyEdgeChanges);
  const connect = useFlowStore((state) => state.connect);
  const notice = useFlowStore((state) => state.notice);
  const { screenToFlowPosition } = useReactFlow();

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type || readOnly) return;
      event.preventDefault();
      store.getState().addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [store, screenToFlowPosition, readOnly],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (isTyping(event.target) || readOnly) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const state = store.getState();
      // Undo and redo work editor-wide: useUndoShortcuts.
      if (mod && key === 'c') state.copySelection();
      else if (mod && key === 'v') state.paste();
      else return;
      event.preventDefault();
    },
    [store, readOnly],
  );

  return (
    <div className="canvas" data-testid="flow-canvas" onKeyDown={onKeyDown} tabIndex={-1}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={applyNodeChanges}
        onEdgesChange={applyEdgeChanges}
        onConnect={connect}
        // One undo step for everything a key press deletes; 'remove' changes are ignored.
        onDelete={({ nodes: gone, edges: cut }) =>
          store.getState().removeElements(
            gone.map((node) => node.id),
            cut.map((edge) => edge.id),
          )
        }
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        nodesConnectable={!readOnly}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'move';
        }}
        onDrop={onDrop}
        onlyRenderVisibleElements
        // React Flow's own parts (controls, minimap, dots) follow the system's dark mode too.
        colorMode="system"
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        // Large flows must fit on screen when opened.
        minZoom={0.1}
      >
        <Background gap={20} />
        <Controls />
        <MiniMap pannable zoomable />
      </ReactFlow>
      {notice && (
        <div className="canvas__notice" role="alert">
          <span>{notice}</span>
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => store.getState().dismissNotice()}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
