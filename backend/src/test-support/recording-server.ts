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

/** A connect hook for guarded fetches in tests: any address outside loopback fails loudly. */
export function refuseNonLoopback({ address }: { address: string }): void {
  if (!/^127\./.test(address) && address !== '::1') {
    throw new Error(`Test tried to connect to ${address}, outside loopback`);
  }
}
