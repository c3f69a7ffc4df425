import { Logger } from '@nestjs/common';
import pg from 'pg';

const CHANNEL = 'hookflow_flow_changes';

/**
 * Carries "flow changed" to the other api processes, so each drops its cached trigger keys.
 * Embedded mode is one process: nothing to relay.
 */
export class FlowChangeRelay {
  /** `undefined`: every cached entry is suspect (the connection was lost and is back). */
  protected listener: (flowId: string | undefined) => void = () => undefined;

  /** Whether cached entries can be trusted: false while changes elsewhere could go unheard. */
  reliable(): boolean {
    return true;
  }

  publish(flowId: string): void {
    void flowId;
  }

  onRemoteChange(listener: (flowId: string | undefined) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {}
}

/** Server mode: Postgres NOTIFY to every process, LISTEN on a connection of its own. */
export class PostgresFlowChangeRelay extends FlowChangeRelay {
  private readonly logger = new Logger(PostgresFlowChangeRelay.name);
  private client?: pg.Client;
  private listening = false;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly notify: (payload: string) => Promise<unknown>,
  ) {
    super();
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.listener(message.payload);
    });
    client.on('error', (error) => {
      // Until LISTEN is back, changes elsewhere go unheard: the cache is bypassed meanwhile.
      this.listening = false;
      this.logger.warn(`flow change listener lost: ${error.message}`);
      if (!this.closed)
        setTimeout(() => !this.closed && void this.start().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
    this.listener(undefined);
    this.listening = true;
  }

  reliable(): boolean {
    return this.listening;
  }

  publish(flowId: string): void {
    this.notify(flowId).catch((error: Error) =>
      this.logger.warn(`could not relay a flow change: ${error.message}`),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    const ended = this.client?.end().catch(() => undefined);
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
}

export const notifyFlowChangeSql = `SELECT pg_notify('${CHANNEL}', $1)`;
