import type { FlowIssue } from '@hookflow/shared';

/** An issue in plain words: the shared text when the validator gave one, else its message. */
export const issueText = (issue: FlowIssue) => issue.text ?? issue.message;
