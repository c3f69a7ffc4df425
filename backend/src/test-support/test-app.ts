import type { AuthResponse, FlowDefinition } from '@hookflow/shared';
import { loadConfig } from '../config/app-config.js';
import { startServer, type RunningServer } from '../hookflow-server.js';
import type { TestEnvironment } from './environments.js';

// Tests read response bodies loosely; each assertion states the shape it expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A Hookflow process of one run mode on a fresh database, with a small HTTP client. */
export interface TestApp {
  server: RunningServer;
  /** The settings this process runs with, for starting sibling processes on the same database. */
  env: Record<string, string>;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Signs up a new user (unique e-mail) and returns its bearer token, user and personal team. */
  signup(name?: string): Promise<SignedUp>;
  /**
   * Creates a flow whose definition validates and publishes it; throws naming the step that
   * failed. The trigger URLs name this app's port, ready to call.
   */
  publishFlow(
    token: string,
    teamId: string,
    name: string,
    definition: FlowDefinition,
  ): Promise<PublishedFlow>;
  stop(): Promise<void>;
}

export interface PublishedFlow {
  flowId: string;
  /** The production trigger URL (runs the published version). */
  hookUrl: string;
  /** The test trigger URL (runs the draft). */
  testHookUrl: string;
}

export type SignedUp = AuthResponse & { token: string; team: NonNullable<AuthResponse['team']> };

let counter = 0;

export async function startTestApp(
  environment: TestEnvironment,
  extraEnv: Record<string, string> = {},
): Promise<TestApp> {
  const { env: modeEnv, cleanup } = await environment.appSettings();
  const env = { ...modeEnv, ...extraEnv };
  const server = await startServer(loadConfig({ LOG_LEVEL: 'error', PORT: '0', ...env }));
  const request = async <T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(server.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
  return {
    server,
    env,
    url: server.url,
    request,
    async signup(name = 'Ada') {
      const email = `${name.toLowerCase().replace(/\W/g, '')}.${process.pid}.${++counter}.${Date.now()}@example.com`;
      const response = await request<AuthResponse>('POST', '/api/auth/signup', {
        body: { email, password: 'correct horse battery', name, session: 'bearer' },
      });
      if (response.status !== 201)
        throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as SignedUp;
    },
    async publishFlow(token, teamId, name, definition) {
      const created = await request<{ id: string; issues?: unknown[] }>(
        'POST',
        `/api/teams/${teamId}/flows`,
        {
          token,
          body: { name, definition },
        },
      );
      if (created.status !== 201 || created.body.issues?.length)
        throw new Error(
          `creating ${name} failed: ${created.status} ${JSON.stringify(created.body)}`,
        );
      const flowId = created.body.id;
      const published = await request<{ webhookUrl: string; testWebhookUrl: string }>(
        'POST',
        `/api/teams/${teamId}/flows/${flowId}/publish`,
        {
          token,
        },
      );
      if (published.status !== 200)
        throw new Error(
          `publishing ${name} failed: ${published.status} ${JSON.stringify(published.body)}`,
        );
      return {
        flowId,
        hookUrl: published.body.webhookUrl,
        testHookUrl: published.body.testWebhookUrl,
      };
    },
    async stop() {
      await server.stop();
      await cleanup();
    },
  };
}
