import { OutboundAllowlist } from './outbound-allowlist.js';

describe(OutboundAllowlist.name, () => {
  const sut = OutboundAllowlist.parse([
    ' internal.example.com ',
    '10.1.0.0/16',
    '192.168.5.7',
    'fd00:abcd::/32',
    '[::1]',
    '',
  ]);

  it('matches host names exactly, ignoring case and a trailing dot', () => {
    expect(sut.allowsHost('internal.example.com')).toBe(true);
    expect(sut.allowsHost('INTERNAL.example.com.')).toBe(true);
    expect(sut.allowsHost('api.internal.example.com')).toBe(false);
    expect(sut.allowsHost('example.com')).toBe(false);
  });

  it('matches addresses against IPv4 and IPv6 ranges and single addresses', () => {
    expect(sut.allowsAddress('10.1.200.3')).toBe(true);
    expect(sut.allowsAddress('10.2.0.1')).toBe(false);
    expect(sut.allowsAddress('192.168.5.7')).toBe(true);
    expect(sut.allowsAddress('192.168.5.8')).toBe(false);
    expect(sut.allowsAddress('fd00:abcd:1::9')).toBe(true);
    expect(sut.allowsAddress('fd00:abce::9')).toBe(false);
    expect(sut.allowsAddress('::1')).toBe(true);
  });

  it('matches IPv4-mapped IPv6 addresses against IPv4 ranges', () => {
    expect(sut.allowsAddress('::ffff:10.1.0.9')).toBe(true);
    expect(OutboundAllowlist.parse(['::ffff:10.0.0.0/104']).allowsAddress('10.9.9.9')).toBe(true);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', 'http://x.test', 'a b', '10.0.0.0/8/1', '*.example.com'])(
    'refuses the entry %j with a message naming it',
    (entry) => {
      expect(() => OutboundAllowlist.parse(['ok.test', entry])).toThrow(
        `OUTBOUND_ALLOWLIST: "${entry}" is not a host name, an IP address or a CIDR range`,
      );
    },
  );
});
