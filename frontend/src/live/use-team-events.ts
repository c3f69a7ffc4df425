import { useEffect, useRef } from 'react';
import { subscribeTeamEvents, type LiveEvent } from './team-event-source';

/** Calls `onEvent` for each of the team's live events while the component is mounted. */
export function useTeamEvents(teamId: string, onEvent: (event: LiveEvent) => void): void {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => subscribeTeamEvents(teamId, (event) => latest.current(event)), [teamId]);
}

/**
 * Calls `refresh` once shortly after the team's events that `matters` says concern it (a burst
 * of runs is one refresh), and after the stream comes back from a gap.
 */
export function useLiveRefresh(
  teamId: string,
  matters: (event: Exclude<LiveEvent, { type: 'reconnected' }>) => boolean,
  refresh: () => void,
  delayMs = 250,
): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useTeamEvents(teamId, (event) => {
    if (event.type !== 'reconnected' && !matters(event)) return;
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      refresh();
    }, delayMs);
  });
}
