import { Background, Controls, MiniMap, ReactFlow, type NodeTypes } from '@xyflow/react';
import { useCanvasGraph, useFlowStore } from '../editor/flow-store-context';
import { FLOW_NODE_TYPE } from '../editor/flow-store';
import { FlowNode } from './flow-node';

// Module scope: a new object per render would make React Flow remount every node.
const nodeTypes: NodeTypes = { [FLOW_NODE_TYPE]: FlowNode };

export function FlowCanvas() {
  const { nodes, edges } = useCanvasGraph();
  const applyNodeChanges = useFlowStore((state) => state.applyNodeChanges);

  return (
    <div className="canvas" data-testid="flow-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={applyNodeChanges}
        // Deleting steps comes with edit operations; until then the key must not drop nodes silently.
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
      >
        <Background gap={20} />
        <Controls />
        <MiniMap pannable zoomable />
      </ReactFlow>
    </div>
  );
}
