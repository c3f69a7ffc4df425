import {
  describeIssues,
  validateFlowDefinition,
  type FlowDefinition,
  type FlowIssue,
} from '@hookflow/shared';

/** What stops a definition from running (the editor lists the same issues); [] when nothing. */
export function issuesOf(definition: FlowDefinition): FlowIssue[] {
  const result = validateFlowDefinition(definition);
  return result.ok ? [] : result.issues;
}

/** The issues a draft run (test URL, Run button) is refused for: all but those a run repairs. */
export const blockingIssuesOf = (definition: FlowDefinition) =>
  issuesOf(definition).filter((issue) => !issue.repairedAtRun);

// A run of an invalid draft would "succeed" on empty values (`{"": ""}`): draft runs (test URL,
// Run button) are refused instead, naming each node and field.
export const DRAFT_CANNOT_RUN = 'The draft cannot run until its issues are fixed in the editor';

export const draftRefusal = (issues: readonly FlowIssue[]) =>
  `${DRAFT_CANNOT_RUN}: ${describeIssues(issues)}`;
