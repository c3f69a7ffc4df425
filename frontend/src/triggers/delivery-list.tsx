import type { DeliverySummary } from '@hookflow/shared';
import type { ReactNode } from 'react';

/** The ten newest deliveries (requests or polls) as a list; clicking one selects it, again unselects. */
export function DeliveryList({
  deliveries,
  selected,
  onSelect,
  describe,
}: {
  deliveries: DeliverySummary[];
  selected: DeliverySummary | null;
  onSelect: (delivery: DeliverySummary | null) => void;
  /** What the row says besides outcome and time. */
  describe: (delivery: DeliverySummary) => ReactNode;
}) {
  return (
    <ul className="delivery-list">
      {deliveries.slice(0, 10).map((delivery) => (
        <li key={delivery.id}>
          <button
            type="button"
            className={`delivery-list__item${selected?.id === delivery.id ? ' delivery-list__item--active' : ''}`}
            onClick={() => onSelect(selected?.id === delivery.id ? null : delivery)}
          >
            <span className={`badge badge--${delivery.outcome}`}>{delivery.outcome}</span>
            {describe(delivery)}
            <span className="muted small">
              {new Date(delivery.receivedAt).toLocaleTimeString()}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
