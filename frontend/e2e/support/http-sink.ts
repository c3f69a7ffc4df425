import { createServer, type Server } from 'node:http';

export interface SinkRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A local HTTP server that records what HTTP steps send and answers with a settable status. */
export async function startSink(): Promise<{
  url: string;
  requests: SinkRequest[];
  setStatus: (status: number) => void;
  close: () => Promise<void>;
}> {
  const requests: SinkRequest[] = [];
  let status = 200;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          status < 400 ? { ok: true, received: requests.length } : { error: 'sink says no' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/orders`,
    requests,
    setStatus: (next) => (status = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
