import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Test support: a real HTTP server on a loopback address that records what it receives.

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Responder = (request: RecordedRequest, response: ServerResponse) => void;

export interface RecordingServer {
  /** `http://<host>:<port>` without a trailing slash. */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const answerOk: Responder = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
};

/** Listens on `host` (a 127.0.0.0/8 address) on a free port until `close()`. */
export async function startRecordingServer(
  respond: Responder = answerOk,
  host = '127.0.0.1',
): Promise<RecordingServer> {
  if (!host.startsWith('127.'))
    throw new Error(`Test servers listen on loopback only, not ${host}`);
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      respond(request, response);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A recording server whose answers a test can change by assigning `respond`. */
export interface SwitchableRecordingServer extends Omit<RecordingServer, 'close'> {
  respond: Responder;
}

/**
 * One recording server for the enclosing `describe`: started before its tests, its request log
 * emptied before each test, closed after them.
 */
export function useRecordingServer(): SwitchableRecordingServer {
  let server: RecordingServer | undefined;
  const started = (): RecordingServer => {
    if (!server) throw new Error('The recording server is used outside a test');
    return server;
  };
  const handle: SwitchableRecordingServer = {
    respond: answerOk,
    get origin() {
      return started().origin;
    },
    get port() {
      return started().port;
    },
    get requests() {
      return started().requests;
    },
  };
  beforeAll(async () => {
    server = await startRecordingServer((request, response) => handle.respond(request, response));
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    started().requests.length = 0;
    handle.respond = answerOk;
  });
  return handle;
}

/** Answers with `status` and `body` as JSON. */
export const jsonReply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Responder =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

/** Answers with `status` and `body` as plain text (Slack webhooks answer that way). */
export const textReply =
  (status: number, body: string, headers: Record<string, string> = {}): Responder =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(body);
  };

/** A connect hook for guarded fetches in tests: any address outside loopback fails loudly. */
export function refuseNonLoopback({ address }: { address: string }): void {
  if (!/^127\./.test(address) && address !== '::1') {
    throw new Error(`Test tried to connect to ${address}, outside loopback`);
  }
}
