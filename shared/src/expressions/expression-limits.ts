/**
 * Bounds of every evaluation. JSONata enforces the time, depth and sequence bounds between its
 * evaluation steps; the backend also runs expressions in worker threads that are stopped at the
 * time limit and cannot grow past a heap limit, because one slow built-in is a single step.
 */
export interface ExpressionLimits {
  timeoutMs: number;
  /** Nesting of function calls (recursion). */
  maxDepth: number;
  /** Items in one sequence, ranges (`[1..n]`) included. */
  maxSequence: number;
  /** Characters a built-in such as `$pad` may produce at once. */
  maxStringLength: number;
  /** Characters of a result written as JSON (text templates: of the text). */
  maxResultLength: number;
  /** Nesting of objects and arrays in a result. */
  maxResultDepth: number;
}

export const expressionLimits: ExpressionLimits = {
  timeoutMs: 1000,
  maxDepth: 500,
  maxSequence: 100_000,
  maxStringLength: 1_000_000,
  maxResultLength: 10_000_000,
  maxResultDepth: 1000,
};
