import { Logger } from '@nestjs/common';
import type { ExecutionSource, TeamEvent } from '@hookflow/shared';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';

/** An event for one team's live streams (`GET /api/teams/:teamId/events`). */
export interface TeamSignal {
  teamId: string;
  event: TeamEvent;
}

/**
 * Something happened to an execution; listeners re-read what they need from the database.
 * `team` rides along on a run's final status, so the team's streams hear it on the same NOTIFY.
 */
export interface ExecutionSignal {
  executionId: string;
  kind: 'step' | 'status' | 'respond' | 'cancel';
  team?: TeamSignal;
}

/** What travels between processes: execution signals, team events, and who watches a team. */
/**
 * Someone streams an execution's live progress or a team's events (see `watch`, `watchTeam`);
 * `from`: the announcing process, which ignores its own echo (it knows its own watchers).
 */
type WatchMessage =
  | { kind: 'watch'; executionId: string; from?: string }
  | { kind: 'watch-team'; teamId: string; from?: string };
type BusMessage = ExecutionSignal | WatchMessage | { kind: 'team'; team: TeamSignal };

type Listener = (signal: ExecutionSignal) => void;
type TeamListener = (event: TeamEvent) => void;

const CHANNEL = 'hookflow_execution_events';
// A watcher in another process says so this often; its watch lapses after WATCH_TTL_MS unheard.
const WATCH_EVERY_MS = 10_000;
const WATCH_TTL_MS = 3 * WATCH_EVERY_MS;

/**
 * Carries execution signals to whichever process waits for them: the api process holding a
 * `sync` trigger request, an SSE stream, a worker running a canceled execution. Step-by-step
 * progress is only worth announcing while someone watches the execution: `isWatched` tells the
 * runner, across processes in server mode.
 */
export abstract class ExecutionEventBus {
  protected readonly local = new EventEmitter().setMaxListeners(0);
  private readonly teams = new EventEmitter().setMaxListeners(0);
  /** Executions (and teams) watched here (count of watchers), and elsewhere (until when). */
  private readonly watchers = new Map<string, number>();
  private readonly remoteWatches = new Map<string, number>();
  private readonly teamWatchers = new Map<string, number>();
  private readonly remoteTeamWatches = new Map<string, number>();
  protected readonly processId = randomUUID();
  readonly channel = CHANNEL;
  /**
   * True when signals travel as pg_notify in the statement that commits what they announce
   * (ExecutionStore folds them in); false when they are emitted after the commit.
   */
  abstract readonly foldsIntoSql: boolean;

  abstract publish(signal: ExecutionSignal): Promise<void>;

  /**
   * Tells the teams' live streams, wherever they are; nothing at all when nobody watches a team,
   * so busy ingress pays a map lookup per run. Never throws (a lost event is only a stale list).
   */
  abstract announce(signals: TeamSignal[]): void;

  subscribe(executionId: string, listener: Listener): () => void {
    this.local.on(executionId, listener);
    return () => this.local.off(executionId, listener);
  }

  /** Subscribes as a watcher of the execution's live progress (an SSE stream). */
  watch(executionId: string, listener: Listener): () => void {
    const unsubscribe = this.subscribe(executionId, listener);
    return this.counted(this.watchers, executionId, { kind: 'watch', executionId }, unsubscribe);
  }

  /** Subscribes a team's live stream to its events. */
  watchTeam(teamId: string, listener: TeamListener): () => void {
    this.teams.on(teamId, listener);
    const unsubscribe = () => this.teams.off(teamId, listener);
    return this.counted(this.teamWatchers, teamId, { kind: 'watch-team', teamId }, unsubscribe);
  }

  private counted(
    watchers: Map<string, number>,
    id: string,
    announcement: WatchMessage,
    unsubscribe: () => void,
  ): () => void {
    watchers.set(id, (watchers.get(id) ?? 0) + 1);
    const stopAnnouncing = this.announceWatch(announcement);
    return () => {
      stopAnnouncing();
      unsubscribe();
      const left = (watchers.get(id) ?? 1) - 1;
      if (left > 0) watchers.set(id, left);
      else watchers.delete(id);
    };
  }

  isWatched(executionId: string): boolean {
    return this.watchers.has(executionId) || this.watchedElsewhere(this.remoteWatches, executionId);
  }

  protected isTeamWatchedHere(teamId: string): boolean {
    return this.teamWatchers.has(teamId);
  }

  protected isTeamWatchedElsewhere(teamId: string): boolean {
    return this.watchedElsewhere(this.remoteTeamWatches, teamId);
  }

  private watchedElsewhere(remote: Map<string, number>, id: string): boolean {
    const until = remote.get(id);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    remote.delete(id);
    return false;
  }

  /** Tells the other processes about a watch, again while it lasts; returns how to stop. */
  protected announceWatch(_message: WatchMessage): () => void {
    return () => undefined;
  }

  /** Hands a message from this process or another to the listeners here. */
  protected deliver(message: BusMessage): void {
    if (message.kind === 'watch' || message.kind === 'watch-team') {
      if (message.from === this.processId) return;
      if (message.kind === 'watch')
        this.remoteWatches.set(message.executionId, Date.now() + WATCH_TTL_MS);
      else this.remoteTeamWatches.set(message.teamId, Date.now() + WATCH_TTL_MS);
    } else if (message.kind === 'team') this.deliverTeam(message.team);
    else {
      this.local.emit(message.executionId, message);
      if (message.team) this.deliverTeam(message.team);
    }
  }

  protected deliverTeam({ teamId, event }: TeamSignal): void {
    this.teams.emit(teamId, event);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    this.teams.removeAllListeners();
  }
}

/** Embedded mode: one process, so an in-memory emitter reaches everyone. */
export class InProcessEventBus extends ExecutionEventBus {
  readonly foldsIntoSql = false;

  async publish(signal: ExecutionSignal): Promise<void> {
    this.deliver(signal);
  }

  announce(signals: TeamSignal[]): void {
    for (const signal of signals)
      if (this.isTeamWatchedHere(signal.teamId)) this.deliverTeam(signal);
  }
}

/** Server mode: Postgres NOTIFY reaches every api and worker process, whatever the queue backend. */
export class PostgresEventBus extends ExecutionEventBus {
  readonly foldsIntoSql = true;
  private readonly logger = new Logger(PostgresEventBus.name);
  private listener?: pg.Client;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly notify: (payloads: string[]) => Promise<unknown>,
  ) {
    super();
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      this.deliver(JSON.parse(message.payload) as BusMessage);
    });
    // A dropped LISTEN connection is re-opened; until then waiters fall back to their timeouts.
    client.on('error', (error) => {
      this.logger.warn(`event listener lost: ${error.message}`);
      if (!this.closed)
        setTimeout(() => !this.closed && void this.start().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async publish(signal: ExecutionSignal): Promise<void> {
    await this.notify([JSON.stringify(signal)]);
  }

  /**
   * A team watched in another process gets its events by one NOTIFY for the whole batch (which
   * reaches this process's streams too); a team watched only here, directly.
   */
  announce(signals: TeamSignal[]): void {
    const remote: string[] = [];
    for (const signal of signals) {
      if (this.isTeamWatchedElsewhere(signal.teamId))
        remote.push(JSON.stringify({ kind: 'team', team: signal } satisfies BusMessage));
      else if (this.isTeamWatchedHere(signal.teamId)) this.deliverTeam(signal);
    }
    if (remote.length)
      this.notify(remote).catch((error: Error) =>
        this.logger.warn(`could not announce team events: ${error.message}`),
      );
  }

  protected announceWatch(message: WatchMessage): () => void {
    const announce = () =>
      void this.notify([JSON.stringify({ ...message, from: this.processId })]).catch(
        (error: Error) => this.logger.warn(`could not announce a watch: ${error.message}`),
      );
    announce();
    const timer = setInterval(announce, WATCH_EVERY_MS).unref();
    return () => clearInterval(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    await super.close();
    // A connection the database already dropped may never acknowledge the end.
    const ended = this.listener?.end().catch(() => undefined);
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

/** Sends each payload of the text array `$1` as a notification, in one round trip. */
export const notifySql = `SELECT pg_notify('${CHANNEL}', payload) FROM unnest($1::text[]) AS payload`;

/** A new run, as its team's live streams hear of it: still queued. */
export const runCreated = (
  teamId: string,
  flowId: string,
  executionId: string,
  source: ExecutionSource,
): TeamSignal => ({
  teamId,
  event: { type: 'execution.created', executionId, flowId, source, status: 'queued' },
});
