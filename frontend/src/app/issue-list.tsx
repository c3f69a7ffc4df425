import type { FlowIssue } from '@hookflow/shared';
import type { ApiError } from '../api/client';

/** Validation issues as a list, one line each (the message names the node and field). */
export function IssueList({
  issues,
  className,
}: {
  issues: readonly FlowIssue[];
  className?: string;
}) {
  return (
    <ul className={className}>
      {issues.map((issue) => (
        <li key={`${issue.nodeId ?? issue.edgeId ?? ''}:${issue.field ?? ''}:${issue.message}`}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * The API's refusal of a run (Run button, replay); a draft with issues lists each (node and field)
 * instead of one long line.
 */
export function RunRefusal({ error }: { error: ApiError }) {
  if (!error.issues?.length)
    return (
      <p className="form-error" role="alert">
        {error.message}
      </p>
    );
  return (
    <div className="form-error" role="alert">
      <p>The draft cannot run until these issues are fixed:</p>
      <IssueList issues={error.issues} />
    </div>
  );
}
