import type { DeliverySummary, FlowNode, FlowView } from '@hookflow/shared';
import { useState } from 'react';
import { deliveriesApi } from '../api/endpoints';
import { IssueList } from '../app/issue-list';
import { useFlowStore } from '../editor/flow-store-context';
import { CopyField } from './copy-field';
import { decodeBody, DeliveryInspector } from './delivery-inspector';
import { DeliveryList } from './delivery-list';
import { OldKeyNotice } from './old-key-notice';
import { ProviderSetup, useEventFilterReset } from './provider-setup';
import { useDeliveries } from './use-deliveries';

const presetKey = (trigger: FlowNode) =>
  String((trigger.config.auth as { type?: unknown } | undefined)?.type);

/** Trigger URLs, "listen for test event" and the request inspector of the webhook trigger. */
export function TriggerPanel({
  teamId,
  flow,
  onOpenRun,
}: {
  teamId: string;
  flow: FlowView;
  onOpenRun: (executionId: string) => void;
}) {
  const setSample = useFlowStore((state) => state.setSample);
  const trigger = useFlowStore((state) =>
    state.definition.nodes.find((node) => node.type === 'trigger.webhook'),
  );
  useEventFilterReset(trigger);
  const allIssues = useFlowStore((state) => state.issues);
  // The ones the test URL refuses a request for (a run repairs the others itself).
  const issues = allIssues.filter((issue) => !issue.repairedAtRun);
  const [selected, setSelected] = useState<DeliverySummary | null>(null);
  const { deliveries, error, listening, listen, stop } = useDeliveries(
    teamId,
    flow.id,
    (summary) => {
      setSelected(summary);
      // The captured request (whole body: the list has a preview) feeds the data picker.
      void deliveriesApi.get(teamId, flow.id, summary.id).then(
        (delivery) => {
          const { text, parsed } = decodeBody(delivery);
          setSample({
            trigger: {
              method: delivery.method,
              path: delivery.path,
              headers: delivery.headers,
              query: delivery.query,
              body: parsed,
              rawBody: text,
            },
          });
        },
        () => undefined, // the inspector, opened on the same delivery, shows the error
      );
    },
  );

  return (
    <div className="panel__section">
      <h3 className="panel__subheading">Trigger URLs</h3>
      <CopyField label="Production URL (runs the published version)" value={flow.webhookUrl} />
      <CopyField label="Test URL (runs this draft)" value={flow.testWebhookUrl} />
      {flow.publishedVersion === null && (
        <p className="muted small">The production URL answers once the flow is published.</p>
      )}
      <OldKeyNotice teamId={teamId} flowId={flow.id} webhookUrl={flow.webhookUrl} />
      {trigger && (
        // Another provider starts afresh: no generated secret or open sample carried over.
        <ProviderSetup key={presetKey(trigger)} flow={flow} trigger={trigger} />
      )}
      {flow.status === 'disabled' && (
        <p className="muted small">
          This flow is disabled: its production URL answers 503 with Retry-After: 300, so senders
          retry later instead of giving up. Enable it to run their deliveries again.
        </p>
      )}
      {issues.length > 0 && (
        <div className="trigger__refusal" role="note" aria-label="Test URL refuses requests">
          <p className="form-error small">
            The test URL refuses requests (409, recorded below) until the draft’s{' '}
            {issues.length === 1 ? 'issue is' : `${issues.length} issues are`} fixed:
          </p>
          <IssueList issues={issues} className="small" />
        </div>
      )}
      <div className="trigger__listen">
        {listening ? (
          <>
            <span className="listening" role="status">
              Listening for a request to the test URL…
            </span>
            <button type="button" className="button button--small" onClick={stop}>
              Stop
            </button>
          </>
        ) : (
          <button type="button" className="button button--small button--primary" onClick={listen}>
            Listen for test event
          </button>
        )}
      </div>
      {error && <p className="form-error">{error.message}</p>}
      <h3 className="panel__subheading">Recent requests</h3>
      {deliveries.length === 0 ? (
        <p className="muted small">
          No request has reached this flow yet. Send one to the test URL.
        </p>
      ) : (
        <DeliveryList
          deliveries={deliveries}
          selected={selected}
          onSelect={setSelected}
          describe={(delivery) => (
            <>
              <span>{delivery.method}</span>
              <span className="muted small">{delivery.mode}</span>
            </>
          )}
        />
      )}
      {selected && <DeliveryInspector teamId={teamId} delivery={selected} onOpenRun={onOpenRun} />}
    </div>
  );
}
