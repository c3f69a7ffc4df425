import type { FlowNode } from './flow-definition.schema';

/** One reason a flow definition is refused; `message` names the node and field for people. */
export interface FlowIssue {
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node, e.g. `auth.secret` or `position.x`. */
  field?: string;
  message: string;
  /**
   * The problem in plain words for the editor's issue list, which names the step beside it:
   * field labels instead of paths, no ids (`“Text” is required`). Absent on older issue kinds.
   */
  text?: string;
  /**
   * A run handles this safely by itself (a refused reply header is dropped), so draft runs still
   * go ahead; publishing refuses it all the same.
   */
  repairedAtRun?: true;
}

export function nodeIssue(
  node: Pick<FlowNode, 'id' | 'name'>,
  problem: string,
  field?: string,
  text?: string,
): FlowIssue {
  const subject = field ? ` field "${field}"` : '';
  return {
    nodeId: node.id,
    field,
    message: `Node "${node.name}" (${node.id}):${subject} ${problem}`,
    ...(text ? { text } : {}),
  };
}

export function edgeIssue(
  edgeId: string,
  problem: string,
  field?: string,
  text?: string,
): FlowIssue {
  return { edgeId, field, message: `Edge ${edgeId}: ${problem}`, ...(text ? { text } : {}) };
}

/** All issues on one line, for error messages and logs. */
export function describeIssues(issues: readonly FlowIssue[]): string {
  return issues.map((issue) => issue.message).join('; ');
}
