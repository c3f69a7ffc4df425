import type { FlowIssue } from '@hookflow/shared';

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
