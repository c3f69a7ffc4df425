import type { DeliverySummary, FlowView } from '@hookflow/shared';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { pollsApi } from '../api/endpoints';
import { DeliveryInspector } from './delivery-inspector';
import { DeliveryList } from './delivery-list';
import { describePoll } from './poll-summary';
import { useDeliveries } from './use-deliveries';

/** "Poll now", the last poll's result and the recent polls of a trigger.poll flow. */
export function PollPanel({
  teamId,
  flow,
  onOpenRun,
}: {
  teamId: string;
  flow: FlowView;
  onOpenRun: (executionId: string) => void;
}) {
  const { deliveries, error, reload } = useDeliveries(teamId, flow.id, () => {});
  const [selected, setSelected] = useState<DeliverySummary | null>(null);
  const [polling, setPolling] = useState(false);
  const [pollError, setPollError] = useState<string | null>(null);
  const polls = deliveries.filter((delivery) => delivery.poll);
  const last = polls[0];

  const pollNow = async () => {
    setPolling(true);
    setPollError(null);
    try {
      const { delivery } = await pollsApi.pollNow(teamId, flow.id);
      setSelected(null);
      await reload();
      if (delivery.outcome === 'failed') setSelected(delivery);
    } catch (caught) {
      setPollError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setPolling(false);
    }
  };

  return (
    <div className="panel__section" aria-label="Polling">
      <h3 className="panel__subheading">Polling</h3>
      {flow.status !== 'published' && (
        <p className="muted small">
          {flow.status === 'disabled'
            ? 'The flow is disabled: it does not poll.'
            : 'Polling starts once the flow is published; the first poll only records what exists.'}
        </p>
      )}
      <div className="trigger__listen">
        <button
          type="button"
          className="button button--small button--primary"
          disabled={polling || flow.status !== 'published'}
          onClick={() => void pollNow()}
        >
          {polling ? 'Polling…' : 'Poll now'}
        </button>
      </div>
      {pollError && <p className="form-error">{pollError}</p>}
      {error && <p className="form-error">{error.message}</p>}
      <h3 className="panel__subheading">Last poll</h3>
      {last?.poll ? (
        <p
          role="status"
          aria-label="Last poll"
          className={last.outcome === 'failed' ? 'form-error' : 'small'}
        >
          {new Date(last.receivedAt).toLocaleTimeString()} ·{' '}
          {last.poll.cause === 'manual' ? 'Poll now' : 'scheduled'} · {describePoll(last.poll)}
        </p>
      ) : (
        <p className="muted small">No poll yet.</p>
      )}
      {polls.length > 0 && (
        <>
          <h3 className="panel__subheading">Recent polls</h3>
          <DeliveryList
            deliveries={polls}
            selected={selected}
            onSelect={setSelected}
            describe={(delivery) => (
              <span className="muted small">
                {delivery.poll!.error ? 'failed' : `${delivery.poll!.new} new`}
              </span>
            )}
          />
        </>
      )}
      {selected && <DeliveryInspector teamId={teamId} delivery={selected} onOpenRun={onOpenRun} />}
    </div>
  );
}
