import type { FlowIssue } from '@hookflow/shared';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useFlowStore, useFlowStoreApi } from './flow-store-context';
import { issueText } from './issue-text';

/** The "N issues" counter; it opens a list whose items select (and show) the step concerned. */
export function IssuesButton() {
  const store = useFlowStoreApi();
  const issues = useFlowStore((state) => state.issues);
  const definition = useFlowStore((state) => state.definition);
  const { fitView } = useReactFlow();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (issues.length === 0) return null;

  // An edge's issue belongs to the step it leaves.
  const stepOf = (issue: FlowIssue) =>
    definition.nodes.find(
      (node) =>
        node.id ===
        (issue.nodeId ?? definition.edges.find((edge) => edge.id === issue.edgeId)?.source),
    );

  const show = (nodeId: string) => {
    store.getState().select([nodeId]);
    setOpen(false);
    void fitView({ nodes: [{ id: nodeId }], maxZoom: 1, duration: 200 });
  };

  return (
    <div className="issues" ref={root}>
      <button
        type="button"
        className="button button--small issues__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {issues.length} issue{issues.length === 1 ? '' : 's'}
      </button>
      {open && (
        <ul id={listId} className="issues__list" aria-label="Issues">
          {issues.map((issue, index) => {
            const step = stepOf(issue);
            return (
              <li key={index}>
                {step ? (
                  <button type="button" className="issues__item" onClick={() => show(step.id)}>
                    <strong>{step.name}</strong>
                    <span>{issueText(issue)}</span>
                  </button>
                ) : (
                  <span className="issues__item">
                    <strong>Flow</strong>
                    <span>{issueText(issue)}</span>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
