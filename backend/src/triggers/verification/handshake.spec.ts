import { handshakeResponse } from './handshake.js';

const challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
const body = Buffer.from(JSON.stringify({ token: 'x', challenge, type: 'url_verification' }));

describe('handshakeResponse', () => {
  it('answers a Slack url_verification with the challenge', () => {
    expect(handshakeResponse({ type: 'slack' }, body, 'application/json; charset=utf-8')).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: challenge,
    });
  });

  it('ignores ordinary Slack events, other content types and unparsable bodies', () => {
    const event = Buffer.from(JSON.stringify({ type: 'event_callback', challenge }));
    expect(handshakeResponse({ type: 'slack' }, event, 'application/json')).toBeUndefined();
    expect(
      handshakeResponse({ type: 'slack' }, body, 'application/x-www-form-urlencoded'),
    ).toBeUndefined();
    expect(
      handshakeResponse({ type: 'slack' }, Buffer.from('{not json'), 'application/json'),
    ).toBeUndefined();
    const numeric = Buffer.from(JSON.stringify({ type: 'url_verification', challenge: 5 }));
    expect(handshakeResponse({ type: 'slack' }, numeric, 'application/json')).toBeUndefined();
  });

  it('answers a Discord PING with a PONG and lets other interactions through', () => {
    expect(
      handshakeResponse({ type: 'discord' }, Buffer.from('{"type":1}'), 'application/json'),
    ).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"type":1}',
    });
    const command = Buffer.from('{"type":2,"data":{"name":"hello"}}');
    expect(handshakeResponse({ type: 'discord' }, command, 'application/json')).toBeUndefined();
    expect(
      handshakeResponse({ type: 'discord' }, Buffer.from('{"type":"1"}'), undefined),
    ).toBeUndefined();
    expect(
      handshakeResponse({ type: 'slack' }, Buffer.from('{"type":1}'), undefined),
    ).toBeUndefined();
  });

  describe('Zoom endpoint.url_validation (hmac trigger set to answer Zoom)', () => {
    const zoom = { type: 'hmac', handshake: 'zoom' } as const;
    const validation = Buffer.from(
      JSON.stringify({
        payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
        event_ts: 1654503849680,
        event: 'endpoint.url_validation',
      }),
    );

    it('answers with the plainToken and its HMAC-SHA256 under the signing secret', () => {
      // Expected value from `printf %s qgg8vlvZRS6UYooatFL8Aw | openssl dgst -sha256 -hmac zoom-secret-token`.
      const reply = handshakeResponse(zoom, validation, 'application/json', 'zoom-secret-token');
      expect(reply).toEqual({
        status: 200,
        contentType: 'application/json',
        body: expect.any(String),
      });
      expect(JSON.parse(reply!.body)).toEqual({
        plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
        encryptedToken: 'd9e0d764a78494688ba3f2d5c0ed4ca311394b4834d959759213424d2df961e3',
      });
    });

    it('lets ordinary events through and answers nothing unless configured', () => {
      const event = Buffer.from(
        JSON.stringify({ event: 'meeting.started', payload: { plainToken: 'x' } }),
      );
      expect(handshakeResponse(zoom, event, 'application/json', 's')).toBeUndefined();
      const noToken = Buffer.from(
        JSON.stringify({ event: 'endpoint.url_validation', payload: { plainToken: 7 } }),
      );
      expect(handshakeResponse(zoom, noToken, 'application/json', 's')).toBeUndefined();
      expect(handshakeResponse(zoom, validation, 'text/plain', 's')).toBeUndefined();
      expect(
        handshakeResponse({ type: 'hmac' }, validation, 'application/json', 's'),
      ).toBeUndefined();
      expect(handshakeResponse(zoom, validation, 'application/json', undefined)).toBeUndefined();
    });
  });

  it('does nothing for other auth types', () => {
    expect(handshakeResponse({ type: 'github' }, body, 'application/json')).toBeUndefined();
    expect(handshakeResponse({ type: 'none' }, body, 'application/json')).toBeUndefined();
  });
});
