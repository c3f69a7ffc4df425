import type { FlowView } from '@hookflow/shared';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { flowsApi } from '../api/endpoints';
import { useTeamId } from '../auth/session-store';
import { useTeamEvents } from '../live/use-team-events';
import { FlowStoreProvider } from './flow-store-context';
import { FlowEditor } from './flow-editor';

/** Loads one flow and opens it in its own store. */
export function CanvasPage() {
  const { flowId = '' } = useParams();
  const teamId = useTeamId();
  const [flow, setFlow] = useState<FlowView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    flowsApi
      .get(teamId, flowId, controller.signal)
      .then((loaded) => {
        setFlow(loaded);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(caught as ApiError);
      });
    return () => controller.abort();
  }, [teamId, flowId]);

  // A save here or anywhere else can change the status badge: read the flow's status again
  // (the canvas keeps its own copy of the draft).
  useTeamEvents(teamId, (event) => {
    if (event.type !== 'flow.changed' || event.flowId !== flowId || event.change === 'deleted')
      return;
    flowsApi.get(teamId, flowId).then(
      ({ status, publishedVersion, hasUnpublishedChanges }) =>
        setFlow((current) =>
          current?.id === flowId
            ? { ...current, status, publishedVersion, hasUnpublishedChanges }
            : current,
        ),
      () => undefined,
    );
  });

  if (error) {
    return (
      <section className="empty-state" role="alert">
        <h1>{error.statusCode === 404 ? 'Flow not found' : 'Could not open the flow'}</h1>
        <p>
          {error.statusCode === 404
            ? 'This team has no such flow: it may have been deleted, or it belongs to another team.'
            : error.message}
        </p>
        <Link to="/flows" className="button button--primary">
          Back to flows
        </Link>
      </section>
    );
  }
  // A flow of the previous address is not shown while the next one loads.
  if (flow?.id !== flowId) return <p className="loading">Loading flow…</p>;

  return (
    <ReactFlowProvider>
      <FlowStoreProvider key={flow.id} initialDefinition={flow.definition}>
        <FlowEditor teamId={teamId} flow={flow} onFlowChange={setFlow} />
      </FlowStoreProvider>
    </ReactFlowProvider>
  );
}
