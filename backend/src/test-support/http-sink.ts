import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SinkReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Hold the request open until `release()` is called. */
  hold?: boolean;
}

/**
 * A local HTTP receiver on 127.0.0.1 that records what it gets and answers from a script:
 * the stand-in for webhook receivers, Slack, Discord and any API a flow calls.
 */
export class HttpSink {
  readonly requests: SinkRequest[] = [];
  private readonly script: SinkReply[] = [];
  private readonly held: Array<() => void> = [];
  private server?: Server;
  url = '';

  /** Replies to the next requests, in order; afterwards every request gets 200 `{ok: true}`. */
  reply(...replies: SinkReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Answers every held request with 200. */
  release(): void {
    this.held.splice(0).forEach((answer) => answer());
  }

  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.requests.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = this.script.shift() ?? { status: 200, body: { ok: true } };
        const answer = () => {
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        };
        if (reply.hold) this.held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
