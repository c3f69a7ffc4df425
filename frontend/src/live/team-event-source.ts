import type { TeamEvent } from '@hookflow/shared';

/** A team event, or word that the stream came back after a gap (events may have been missed). */
export type LiveEvent = TeamEvent | { type: 'reconnected' };
type Listener = (event: LiveEvent) => void;

const EVENT_TYPES: ReadonlyArray<TeamEvent['type']> = [
  'execution.created',
  'execution.finished',
  'flow.changed',
];
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
// Moving from one page to the next drops the last listener for a moment: keep the stream.
const CLOSE_AFTER_MS = 2000;

interface Connection {
  listeners: Set<Listener>;
  source?: EventSource;
  retryMs: number;
  retryTimer?: ReturnType<typeof setTimeout>;
  closeTimer?: ReturnType<typeof setTimeout>;
  /** Opened once before: a later open follows a gap. */
  wasOpen: boolean;
}

/** One EventSource per team in this tab, shared by every component that listens. */
const connections = new Map<string, Connection>();

function connect(teamId: string, connection: Connection): void {
  const source = new EventSource(`/api/teams/${encodeURIComponent(teamId)}/events`, {
    withCredentials: true,
  });
  connection.source = source;
  const dispatch = (event: LiveEvent) => {
    for (const listener of [...connection.listeners]) listener(event);
  };
  source.onopen = () => {
    connection.retryMs = FIRST_RETRY_MS;
    if (connection.wasOpen) dispatch({ type: 'reconnected' });
    connection.wasOpen = true;
  };
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      try {
        dispatch(JSON.parse((message as MessageEvent<string>).data) as TeamEvent);
      } catch {
        // A message this version cannot read is skipped.
      }
    });
  }
  source.onerror = () => {
    // EventSource retries a dropped connection itself; one the server refused (an HTTP error)
    // it closes for good, so that one is reopened here, waiting longer each time.
    if (source.readyState !== EventSource.CLOSED) return;
    connection.retryTimer = setTimeout(() => {
      if (connections.get(teamId) === connection) connect(teamId, connection);
    }, connection.retryMs);
    connection.retryMs = Math.min(connection.retryMs * 2, MAX_RETRY_MS);
  };
}

/**
 * Listens to the team's live events; the stream opens with the first listener and closes a
 * moment after the last one leaves.
 */
export function subscribeTeamEvents(teamId: string, listener: Listener): () => void {
  let connection = connections.get(teamId);
  if (!connection) {
    connection = { listeners: new Set(), retryMs: FIRST_RETRY_MS, wasOpen: false };
    connections.set(teamId, connection);
    connect(teamId, connection);
  }
  clearTimeout(connection.closeTimer);
  connection.listeners.add(listener);
  const current = connection;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size) return;
    current.closeTimer = setTimeout(() => {
      clearTimeout(current.retryTimer);
      current.source?.close();
      connections.delete(teamId);
    }, CLOSE_AFTER_MS);
  };
}
