import { handshakeResponse } from './handshake.js';

const challenge = '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P';
const body = Buffer.from(JSON.stringify({ token: 'x', challenge, type: 'url_verification' }));

describe('handshakeResponse', () => {
  it('answers a Slack url_verification with the challenge', () => {
    expect(handshakeResponse('slack', body, 'application/json; charset=utf-8')).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: challenge,
    });
  });

  it('ignores ordinary Slack events, other content types and unparsable bodies', () => {
    const event = Buffer.from(JSON.stringify({ type: 'event_callback', challenge }));
    expect(handshakeResponse('slack', event, 'application/json')).toBeUndefined();
    expect(handshakeResponse('slack', body, 'application/x-www-form-urlencoded')).toBeUndefined();
    expect(
      handshakeResponse('slack', Buffer.from('{not json'), 'application/json'),
    ).toBeUndefined();
    const numeric = Buffer.from(JSON.stringify({ type: 'url_verification', challenge: 5 }));
    expect(handshakeResponse('slack', numeric, 'application/json')).toBeUndefined();
  });

  it('answers a Discord PING with a PONG and lets other interactions through', () => {
    expect(handshakeResponse('discord', Buffer.from('{"type":1}'), 'application/json')).toEqual({
      status: 200,
      contentType: 'application/json',
      body: '{"type":1}',
    });
    const command = Buffer.from('{"type":2,"data":{"name":"hello"}}');
    expect(handshakeResponse('discord', command, 'application/json')).toBeUndefined();
    expect(handshakeResponse('discord', Buffer.from('{"type":"1"}'), undefined)).toBeUndefined();
    expect(handshakeResponse('slack', Buffer.from('{"type":1}'), undefined)).toBeUndefined();
  });

  it('does nothing for other auth types', () => {
    expect(handshakeResponse('github', body, 'application/json')).toBeUndefined();
    expect(handshakeResponse('none', body, 'application/json')).toBeUndefined();
  });
});
