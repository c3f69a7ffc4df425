import type { DeliverySummary, FlowDefinition, PollNowResponse } from '@hookflow/shared';
import { loadConfig } from '../config/app-config.js';
import { startServer, type RunningServer } from '../hookflow-server.js';
import { waitFor } from '../test-support/wait-for.js';

// For the polling tests: a Hookflow process that can be restarted on the same database, with the
// REST calls the tests make.

interface Response<T> {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: T & Record<string, any>;
}

export interface RunView {
  id: string;
  status: string;
  mode?: string;
  createdAt: string;
  trigger: { method: string; body: { item: { id: string; n: number } } };
  steps: Array<{ nodeId: string; status: string; output: unknown }>;
}

/** A Hookflow process that can be restarted on the same database, with a REST client. */
export class PollingClient {
  server?: RunningServer;
  token = '';
  teamId = '';

  constructor(readonly env: Record<string, string>) {}

  async start(): Promise<this> {
    this.server = await startServer(loadConfig({ LOG_LEVEL: 'error', PORT: '0', ...this.env }));
    return this;
  }

  async restart(): Promise<void> {
    await this.server?.stop();
    await this.start();
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<Response<T>> {
    const response = await fetch(this.server!.url + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  team(path: string): string {
    return `/api/teams/${this.teamId}${path}`;
  }

  async signup(name: string): Promise<{ token: string; teamId: string }> {
    const email = `${name.toLowerCase()}.${process.pid}.${Date.now()}@example.com`;
    const response = await this.request<{ token: string; team: { id: string } }>(
      'POST',
      '/api/auth/signup',
      { email, password: 'correct horse battery', name, session: 'bearer' },
    );
    expect(response.status).toBe(201);
    return { token: response.body.token, teamId: response.body.team.id };
  }

  async createFlow(definition: FlowDefinition, publish = true): Promise<string> {
    const created = await this.request<{ id: string }>('POST', this.team('/flows'), {
      name: 'Poll orders',
      definition,
    });
    expect(created.status).toBe(201);
    if (publish)
      expect(
        (await this.request('POST', this.team(`/flows/${created.body.id}/publish`))).status,
      ).toBe(200);
    return created.body.id;
  }

  async pollNow(flowId: string): Promise<PollNowResponse> {
    const response = await this.request<PollNowResponse>(
      'POST',
      this.team(`/flows/${flowId}/poll`),
    );
    expect(response.status).toBe(200);
    return response.body;
  }

  /** Every run of the flow (up to 100), finished, oldest first. */
  async runs(flowId: string): Promise<RunView[]> {
    const list = await this.request<{ items: Array<{ id: string }> }>(
      'GET',
      this.team(`/executions?flowId=${flowId}&limit=100`),
    );
    const read = () =>
      Promise.all(
        list.body.items.map(
          async (item) =>
            (await this.request<RunView>('GET', this.team(`/executions/${item.id}`))).body,
        ),
      );
    await waitFor(
      async () => (await read()).every((run) => ['succeeded', 'failed'].includes(run.status)),
      30_000,
      `the runs of ${flowId} to finish`,
    );
    // The list is newest first by (created_at, id) at the database's microsecond precision.
    return (await read()).reverse();
  }

  /** The poll the schedule makes right after publishing. */
  async firstScheduledPoll(flowId: string): Promise<DeliverySummary> {
    let polls: DeliverySummary[] = [];
    await waitFor(
      async () => (polls = await this.deliveries(flowId)).length > 0,
      30_000,
      'the first scheduled poll',
    );
    expect(polls).toHaveLength(1);
    return polls[0];
  }

  async deliveries(flowId: string): Promise<DeliverySummary[]> {
    const response = await this.request<{ items: DeliverySummary[] }>(
      'GET',
      this.team(`/flows/${flowId}/deliveries`),
    );
    expect(response.status).toBe(200);
    return response.body.items;
  }
}

export const idsOf = (runs: RunView[]) => runs.map((run) => run.trigger.body.item.id);
