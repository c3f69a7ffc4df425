import type { NodeSampleData } from '@hookflow/shared';
import { useEffect, useState } from 'react';
import { flowsApi } from '../api/endpoints';

export interface RecordedSamples {
  nodes: Record<string, NodeSampleData>;
  /** When they were read: "2 min ago" counts from here. */
  readAt: number;
}

const NONE: RecordedSamples = { nodes: {}, readAt: 0 };

/**
 * Each step's last real output, read again whenever another step is opened, so a test run
 * made meanwhile shows up. Without them (an error, still loading) the picker falls back to
 * derived samples and examples.
 */
export function useRecordedSamples(teamId: string, flowId: string, nodeId: string) {
  const [samples, setSamples] = useState<RecordedSamples>(NONE);
  useEffect(() => {
    const abort = new AbortController();
    flowsApi.sampleData(teamId, flowId, abort.signal).then(
      ({ nodes }) => setSamples({ nodes, readAt: Date.now() }),
      () => undefined,
    );
    return () => abort.abort();
  }, [teamId, flowId, nodeId]);
  return samples;
}
