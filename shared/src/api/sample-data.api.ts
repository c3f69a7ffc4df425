/** Where a step's sample in the data picker comes from. */
export type SampleDataSource = 'test run' | 'last run' | 'captured event';

/** One node's last real output, secrets redacted and big values cut (see `SAMPLE_TRUNCATED`). */
export interface NodeSampleData {
  source: SampleDataSource;
  executionId: string;
  /** When the step finished (or the event was received), ISO 8601. */
  at: string;
  output: unknown;
  /** Some strings, lists or nesting of `output` were cut to keep the answer small. */
  truncated: boolean;
}

/**
 * `GET …/flows/:flowId/sample-data`: per node id, its output in the newest finished test or
 * manual run of the draft (else the newest finished run); for the trigger, the newest accepted
 * request to the test URL (else the production URL).
 */
export interface FlowSampleData {
  nodes: Record<string, NodeSampleData>;
}

/** Ends a cut string and stands in for values past the size bound. */
export const SAMPLE_TRUNCATED = '…[truncated]';
