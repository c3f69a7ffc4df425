import type { FlowDefinition } from '@hookflow/shared';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Order {
  id: string;
  n: number;
  total: number;
  /** Free text, for tests that need odd characters in an item. */
  note?: string;
}

/**
 * For tests (backend and browser): an API on 127.0.0.1 whose order list grows between polls, listed newest first under
 * `data.orders` at GET /orders. `failNext` and `answerNext` script the next answers.
 */
export class OrdersApiStandIn {
  readonly orders: Order[] = [];
  readonly requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
  private readonly script: Array<{ status: number; text: string }> = [];
  private server?: Server;
  url = '';

  /** Adds `count` orders (they become the newest). */
  add(count: number): this {
    for (let i = 0; i < count; i++) {
      const n = this.orders.length + 1;
      this.orders.unshift({ id: `ord_${n}`, n, total: n * 10 });
    }
    return this;
  }

  /** The next request gets `status` with a JSON error body. */
  failNext(status: number): this {
    return this.answerNext(status, JSON.stringify({ error: `scripted ${status}` }));
  }

  /** The next request gets exactly `text`. */
  answerNext(status: number, text: string): this {
    this.script.push({ status, text });
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const scripted = this.script.shift();
      const text = scripted?.text ?? JSON.stringify({ data: { orders: this.orders } });
      res.writeHead(scripted?.status ?? 200, { 'content-type': 'application/json' });
      res.end(text);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** trigger.poll of `url` → data.transform echoing the item's id. */
export function pollingFlow(url: string, config: Record<string, unknown> = {}): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'poll',
        type: 'trigger.poll',
        name: 'New orders',
        position: { x: 0, y: 0 },
        // An hour: only the first poll, right after publishing, comes from the schedule by itself.
        config: { url, itemsPath: 'data.orders', idPath: 'id', intervalSeconds: 3600, ...config },
      },
      {
        id: 'echo',
        type: 'data.transform',
        name: 'Echo the order',
        position: { x: 0, y: 100 },
        config: { fields: { id: '{{ trigger.body.item.id }}' } },
      },
    ],
    edges: [{ id: 'e1', source: 'poll', target: 'echo' }],
  };
}
