import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../editor/flow-store';

/** One step on the canvas. Triggers start a flow, so they have no input handle. */
export const FlowNode = memo(function FlowNode({ data, selected }: NodeProps<CanvasNode>) {
  const isTrigger = data.kind === 'trigger';
  return (
    <div className={`flow-node flow-node--${data.kind}${selected ? ' flow-node--selected' : ''}`}>
      {!isTrigger && <Handle type="target" position={Position.Left} />}
      <div className="flow-node__kind">{isTrigger ? 'Trigger' : 'Action'}</div>
      <div className="flow-node__title">{data.title}</div>
      <div className="flow-node__type">{data.nodeType}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
