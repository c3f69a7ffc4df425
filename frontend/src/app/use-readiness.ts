import { useEffect, useState } from 'react';
import { failingChecks, fetchReadiness } from '../api/readiness';

export const READINESS_POLL_MS = 10_000;

export type Readiness =
  | { state: 'checking' }
  | { state: 'ready' }
  | { state: 'degraded'; down: string[]; details: string };

/** Polls GET /readyz so the top bar shows whether the server and its dependencies are up. */
export function useReadiness(): Readiness {
  const [readiness, setReadiness] = useState<Readiness>({ state: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    const check = async () => {
      try {
        const report = await fetchReadiness(controller.signal);
        const down = failingChecks(report);
        if (report.status === 'ok' && down.length === 0) {
          setReadiness({ state: 'ready' });
          return;
        }
        const details = down
          .map((name) => `${name}: ${report.checks[name].error ?? 'not ok'}`)
          .join('\n');
        setReadiness({ state: 'degraded', down: down.length ? down : ['server'], details });
      } catch (error) {
        if (controller.signal.aborted) return;
        setReadiness({ state: 'degraded', down: ['server unreachable'], details: String(error) });
      }
    };
    void check();
    const timer = setInterval(() => void check(), READINESS_POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);

  return readiness;
}
