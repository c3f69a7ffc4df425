import { credentialCatalog, nodeCatalog } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

describe.each(testEnvironments())('Catalog API ($name mode)', (environment) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(environment);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('describes every node type and credential type of the shared catalog', async () => {
    const { token } = await app.signup('Reader');
    const response = await app.request('GET', '/api/catalog', { token });
    expect(response.status).toBe(200);
    expect(response.body.nodes.map((node: { type: string }) => node.type)).toEqual(
      nodeCatalog.map((node) => node.type),
    );
    expect(response.body.credentials).toEqual(JSON.parse(JSON.stringify(credentialCatalog)));
    const http = response.body.nodes.find((node: { type: string }) => node.type === 'http.request');
    expect(http).toMatchObject({
      title: expect.any(String),
      category: expect.any(String),
      props: { url: { type: expect.any(String) }, method: expect.any(Object) },
      sampleOutput: expect.anything(),
    });
  });

  it('answers 401 without a token and is documented', async () => {
    expect((await app.request('GET', '/api/catalog')).status).toBe(401);
    const docs = await app.request('GET', '/api/docs-json');
    expect(docs.body.paths['/api/catalog']).toHaveProperty('get');
  });
});
