import type { FlowDefinition, FlowView } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

// Names in an order no sorting gives: jsonb would store them shortest first ("a", "b", "zed"…).
const orderedFlow = (sinkUrl: string): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'In',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'] },
    },
    {
      id: 'shape',
      type: 'data.transform',
      name: 'Shape',
      position: { x: 0, y: 100 },
      config: { fields: { zed: 1, b: '{{ trigger.body.b }}', a: 'x', customerEmail: 'e' } },
    },
    {
      id: 'send',
      type: 'http.request',
      name: 'Send',
      position: { x: 0, y: 200 },
      config: {
        method: 'POST',
        url: `${sinkUrl}/ordered`,
        query: { zz: '1', b: '2', a: '3' },
        body: { shape: '{{ steps.shape }}', last: true, first: false },
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'send' },
  ],
});

describe.each(testEnvironments())('Key order ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it('keeps fields, query parameters and JSON keys in the order typed, stored and sent', async () => {
    const { token, team } = await app.signup('Order');
    const { flowId, hookUrl } = await app.publishFlow(
      token,
      team.id,
      'Ordered',
      orderedFlow(sink.url),
    );
    const saved = await app.request<FlowView>('GET', `/api/teams/${team.id}/flows/${flowId}`, {
      token,
    });
    const [, shape, send] = saved.body.definition.nodes;
    expect(Object.keys(shape.config.fields as object)).toEqual(['zed', 'b', 'a', 'customerEmail']);
    expect(Object.keys(send.config.query as object)).toEqual(['zz', 'b', 'a']);

    const response = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ b: 2 }),
    });
    expect(response.status).toBe(202);
    await waitFor(async () => sink.requests.length > 0, 20_000, 'the request to the sink');
    const [sent] = sink.requests;
    expect(sent.url).toBe('/ordered?zz=1&b=2&a=3');
    expect(sent.body).toBe(
      '{"shape":{"zed":1,"b":2,"a":"x","customerEmail":"e"},"last":true,"first":false}',
    );
  });
});
