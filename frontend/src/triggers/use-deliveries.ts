import type { DeliverySummary } from '@hookflow/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { deliveriesApi } from '../api/endpoints';

export const LISTEN_POLL_MS = 1000;

/**
 * The flow's recent deliveries. While listening, polls every second until a new test delivery
 * arrives, then stops and reports it.
 */
export function useDeliveries(
  teamId: string,
  flowId: string,
  onTestDelivery: (delivery: DeliverySummary) => void,
) {
  const [deliveries, setDeliveries] = useState<DeliverySummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [listening, setListening] = useState(false);
  const known = useRef<Set<string> | null>(null);
  const onArrival = useRef(onTestDelivery);
  useEffect(() => {
    onArrival.current = onTestDelivery;
  });

  const load = useCallback(
    () =>
      deliveriesApi.list(teamId, flowId).then(
        (page) => {
          setDeliveries(page.items);
          setError(null);
          return page.items;
        },
        (caught: unknown) => {
          setError(caught as ApiError);
          return null;
        },
      ),
    [teamId, flowId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!listening) return;
    const timer = setInterval(() => {
      void load().then((items) => {
        if (!items || !known.current) return;
        const fresh = items.find((item) => item.mode === 'test' && !known.current!.has(item.id));
        if (fresh) {
          setListening(false);
          onArrival.current(fresh);
        }
      });
    }, LISTEN_POLL_MS);
    return () => clearInterval(timer);
  }, [listening, load]);

  const listen = () => {
    known.current = new Set(deliveries.map((delivery) => delivery.id));
    setListening(true);
  };

  return { deliveries, error, listening, listen, stop: () => setListening(false), reload: load };
}
