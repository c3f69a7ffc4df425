import { isIpAllowed, validateCidrs } from './ip-allowlist.js';

describe('isIpAllowed', () => {
  const github = ['192.30.252.0/22', '185.199.108.0/22', '2a0a:a440::/29'];

  it('matches IPv4 CIDR edges', () => {
    expect(isIpAllowed('192.30.252.0', github)).toBe(true);
    expect(isIpAllowed('192.30.255.255', github)).toBe(true);
    expect(isIpAllowed('192.30.251.255', github)).toBe(false);
    expect(isIpAllowed('192.31.0.0', github)).toBe(false);
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(isIpAllowed('::ffff:192.30.253.1', github)).toBe(true);
    expect(isIpAllowed('::FFFF:c01e:fd01', github)).toBe(true);
    expect(isIpAllowed('::ffff:10.0.0.1', github)).toBe(false);
    expect(isIpAllowed('::ffff:10.0.0.1', ['10.0.0.1'])).toBe(true);
  });

  it('matches an IPv4 client against IPv6 ranges covering its mapped form', () => {
    expect(isIpAllowed('10.1.2.3', ['::ffff:10.0.0.0/104'])).toBe(true);
    expect(isIpAllowed('11.1.2.3', ['::ffff:10.0.0.0/104'])).toBe(false);
    expect(isIpAllowed('10.1.2.3', ['::ffff:0:0/96'])).toBe(true);
  });

  it('matches IPv6 CIDRs and single addresses', () => {
    expect(isIpAllowed('2a0a:a440::1', github)).toBe(true);
    expect(isIpAllowed('2a0a:a447:ffff:ffff:ffff:ffff:ffff:ffff', github)).toBe(true);
    expect(isIpAllowed('2a0a:a448::', github)).toBe(false);
    expect(isIpAllowed('2001:db8::1', ['2001:0db8:0000::1'])).toBe(true);
    expect(isIpAllowed('2001:db8::2', ['2001:db8::1'])).toBe(false);
    expect(isIpAllowed('fe80::1%eth0', ['fe80::/10'])).toBe(true);
  });

  it('matches single IPv4 addresses and /32, /0', () => {
    expect(isIpAllowed('203.0.113.7', ['203.0.113.7'])).toBe(true);
    expect(isIpAllowed('203.0.113.8', ['203.0.113.7/32'])).toBe(false);
    expect(isIpAllowed('203.0.113.8', ['0.0.0.0/0'])).toBe(true);
    expect(isIpAllowed('2001:db8::1', ['0.0.0.0/0'])).toBe(false);
    expect(isIpAllowed('2001:db8::1', ['::/0'])).toBe(true);
  });

  it('matches nothing for an empty list, an invalid ip or invalid entries', () => {
    expect(isIpAllowed('203.0.113.7', [])).toBe(false);
    expect(isIpAllowed('not-an-ip', ['0.0.0.0/0'])).toBe(false);
    expect(isIpAllowed('127.1', ['127.0.0.0/8'])).toBe(false);
    expect(isIpAllowed('203.0.113.7', ['203.0.113.7/33', 'garbage'])).toBe(false);
  });
});

describe('validateCidrs', () => {
  it('accepts valid entries', () => {
    expect(
      validateCidrs(['10.0.0.0/8', '203.0.113.7', '2001:db8::/32', '::1', ' 10.0.0.1/32 ']),
    ).toEqual([]);
  });

  it('reports each invalid entry by index', () => {
    const errors = validateCidrs([
      '10.0.0.0/8',
      '10.0.0.0/33',
      '2001:db8::/129',
      'example.com',
      '',
      '10.0.0.0/x',
      '010.1',
    ]);
    expect(errors).toHaveLength(6);
    expect(errors[0]).toMatch(/^allowIps\[1\]: .*invalid prefix length \(0–32 for IPv4\)/);
    expect(errors[1]).toMatch(/^allowIps\[2\]: .*0–128 for IPv6/);
    expect(errors[2]).toMatch(/^allowIps\[3\]: "example.com" is not an IP address or CIDR/);
    expect(errors[3]).toMatch(/^allowIps\[4\]: empty entry/);
    expect(errors[4]).toMatch(/^allowIps\[5\]/);
    expect(errors[5]).toMatch(/^allowIps\[6\]/);
  });
});
