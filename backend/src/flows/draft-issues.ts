import { ConflictException } from '@nestjs/common';
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
// Run button, replay into the draft) are refused instead, naming each node and field.
export const DRAFT_CANNOT_RUN = 'The draft cannot run until its issues are fixed in the editor';

export const draftRefusal = (issues: readonly FlowIssue[]) =>
  `${DRAFT_CANNOT_RUN}: ${describeIssues(issues)}`;

/** Throws the 409 (message and issues) a draft run answers when the draft has blocking issues. */
export function refuseInvalidDraft(definition: FlowDefinition): void {
  const issues = blockingIssuesOf(definition);
  if (issues.length)
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: draftRefusal(issues),
      issues,
    });
}
