import type { FlowView } from '@hookflow/shared';
import { useFlowStore } from '../editor/flow-store-context';
import { issueText } from '../editor/issue-text';
import { NodePanel } from './node-panel';

/** The right-hand panel: the selected step's settings, or what to do next. */
export function SidePanel({
  teamId,
  flow,
  onOpenRun,
}: {
  teamId: string;
  flow: FlowView;
  onOpenRun: (executionId: string) => void;
}) {
  const selectedId = useFlowStore((state) =>
    state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : null,
  );
  const node = useFlowStore((state) =>
    state.definition.nodes.find((candidate) => candidate.id === selectedId),
  );
  const issues = useFlowStore((state) => state.issues);
  const flowIssues = issues.filter((issue) => !issue.nodeId);
  const nodeCount = useFlowStore((state) => state.definition.nodes.length);

  return (
    <aside className="panel" aria-label="Step settings">
      {node ? (
        <NodePanel key={node.id} teamId={teamId} flow={flow} node={node} onOpenRun={onOpenRun} />
      ) : (
        <div className="panel__section panel__empty">
          <h2>{nodeCount <= 1 ? 'Add the first step' : 'Select a step'}</h2>
          <p className="muted">
            {nodeCount <= 1
              ? 'Drag a step from the palette onto the canvas, then connect the trigger’s handle to it.'
              : 'Click a step to configure it. Select the trigger to see its URLs and test it.'}
          </p>
          {flowIssues.map((issue, index) => (
            <p key={index} className="form-error">
              {issueText(issue)}
            </p>
          ))}
        </div>
      )}
    </aside>
  );
}
