import { httpBearerCredential, httpRequestNode, logicIfNode } from '@hookflow/shared';
import { implementNode } from './implement-node.js';
import { aRunInput } from '../test-support/node-test-input.js';

describe(implementNode.name, () => {
  it('refuses credentials that differ from the description’s', () => {
    expect(() =>
      implementNode(httpRequestNode, {
        credentials: [httpBearerCredential],
        run: async () => ({ output: null }),
      }),
    ).toThrow(
      'http.request: the handler accepts credentials [http.bearer] but the description declares ' +
        '[http.bearer, http.basic, http.header]',
    );
  });

  it('fails a step whose credential data is incomplete', async () => {
    const bearer = implementNode(
      { ...httpRequestNode, props: { credentialId: httpRequestNode.props.credentialId } },
      {
        credentials: [
          httpBearerCredential,
          { ...httpBearerCredential, type: 'http.basic' },
          { ...httpBearerCredential, type: 'http.header' },
        ],
        run: async ({ credential }) => ({ output: credential }),
      },
    );

    await expect(
      bearer.run(aRunInput(bearer, {}, { credential: { type: 'http.bearer', data: {} } })),
    ).rejects.toMatchObject({
      code: 'CREDENTIAL',
      retryable: false,
      message: 'The Bearer token credential is incomplete: token',
    });
    await expect(
      bearer.run(aRunInput(bearer, {}, { credential: { type: 'slack.bot', data: {} } })),
    ).rejects.toMatchObject({ code: 'CREDENTIAL' });
  });

  it('gives a handler that names no credential types no credential', async () => {
    const sut = implementNode(logicIfNode, {
      run: async ({ credential }) => ({ output: credential ?? 'none' }),
    });

    const result = await sut.run(
      aRunInput(
        sut,
        { condition: 'x' },
        { credential: { type: 'http.bearer', data: { token: 't' } } },
      ),
    );

    expect(result.output).toBe('none');
  });

  it('hands run the credential data as parsed', async () => {
    const sut = implementNode(
      { ...httpRequestNode, props: { credentialId: httpRequestNode.props.credentialId } },
      {
        credentials: [
          httpBearerCredential,
          { ...httpBearerCredential, type: 'http.basic' },
          { ...httpBearerCredential, type: 'http.header' },
        ],
        run: async ({ credential }) => ({ output: credential }),
      },
    );

    const result = await sut.run(
      aRunInput(sut, {}, { credential: { type: 'http.bearer', data: { token: 't', extra: 1 } } }),
    );

    expect(result.output).toEqual({ type: 'http.bearer', data: { token: 't' } });
  });
});
