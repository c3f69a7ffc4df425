import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { CatalogIcon } from '../catalog/node-icon';
import { useFlowStore } from './flow-store-context';
import type { CanvasNode } from './flow-store';

/**
 * One step on the canvas. Triggers start a flow, so they have no input handle. Issues and run
 * status are read from the store by id, so only the node whose value changed re-renders.
 */
export const FlowNode = memo(function FlowNode({ id, data, selected }: NodeProps<CanvasNode>) {
  const issues = useFlowStore((state) => state.nodeIssues[id]);
  const status = useFlowStore((state) => state.stepStatus[id]);
  const isTrigger = data.kind === 'trigger';
  const classes = [
    'flow-node',
    `flow-node--${data.kind}`,
    selected && 'flow-node--selected',
    status && `flow-node--${status}`,
  ].filter(Boolean);

  return (
    <div className={classes.join(' ')} data-status={status}>
      {!isTrigger && <Handle type="target" position={Position.Left} />}
      <span className="flow-node__icon">
        <CatalogIcon name={data.icon} size={18} />
      </span>
      <div className="flow-node__text">
        <div className="flow-node__kind">
          {isTrigger ? 'Trigger' : 'Action'}
          {status && <span className="flow-node__status">{status}</span>}
        </div>
        <div className="flow-node__title">{data.title}</div>
        {/* The kind of step, unless its name already says it. */}
        {data.typeTitle !== data.title && <div className="flow-node__type">{data.typeTitle}</div>}
      </div>
      {issues && (
        <span className="flow-node__issues" title={issues} aria-label={`Issues: ${issues}`}>
          !
        </span>
      )}
      {data.outputs.length === 0 ? (
        <Handle type="source" position={Position.Right} />
      ) : (
        data.outputs.map((output, index) => (
          <Handle
            key={output}
            type="source"
            id={output}
            position={Position.Right}
            style={{ top: `${((index + 1) * 100) / (data.outputs.length + 1)}%` }}
          >
            <span className="flow-node__handle-label">{output}</span>
          </Handle>
        ))
      )}
    </div>
  );
});
