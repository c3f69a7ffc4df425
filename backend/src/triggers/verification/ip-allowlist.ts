import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/**
 * Parses one address strictly: dotted-quad IPv4 (no `127.1`, hex or octal forms) or IPv6; an
 * IPv6 zone (`fe80::1%eth0`) is ignored. Undefined when invalid.
 */
function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return ipaddr.IPv4.parse(trimmed);
  if (!trimmed.includes(':')) return undefined;
  const unzoned = trimmed.replace(/%[^%]*$/, '');
  if (!ipaddr.IPv6.isValid(unzoned)) return undefined;
  return ipaddr.IPv6.parse(unzoned);
}

/** `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `v6/n`; an error message when invalid. */
function parseRange(entry: string): Range | string {
  const text = entry.trim();
  if (text === '') return 'empty entry';
  const slash = text.indexOf('/');
  const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return `"${entry}" is not an IP address or CIDR`;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return [address, max];
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) {
    return `"${entry}" has an invalid prefix length (0–${max} for ${address.kind() === 'ipv4' ? 'IPv4' : 'IPv6'})`;
  }
  return [address, Number(bits)];
}

/** One message per invalid entry of an `allowIps` list (empty when all are valid). */
export function validateCidrs(list: readonly string[]): string[] {
  const errors: string[] = [];
  list.forEach((entry, index) => {
    const range = parseRange(entry);
    if (typeof range === 'string') errors.push(`allowIps[${index}]: ${range}`);
  });
  return errors;
}

function matches(address: Address, [network, bits]: Range): boolean {
  if (address.kind() === 'ipv4' && network.kind() === 'ipv4') {
    return (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits);
  }
  if (address.kind() === 'ipv6' && network.kind() === 'ipv6') {
    return (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
  }
  return false;
}

/**
 * Whether `ip` (a client address as Node reports it) lies in one of `cidrs`. IPv4-mapped IPv6
 * (`::ffff:1.2.3.4`, what a dual-stack socket reports for IPv4 clients) counts as the IPv4
 * address, and an IPv4 client also matches IPv6 ranges covering its mapped form (`::ffff:0:0/96`).
 * Invalid entries never match (report them with `validateCidrs`); an invalid ip matches nothing.
 */
export function isIpAllowed(ip: string, cidrs: readonly string[]): boolean {
  const parsed = parseAddress(ip);
  if (!parsed) return false;
  const v6 = parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6) : undefined;
  const v4 =
    parsed.kind() === 'ipv4'
      ? (parsed as ipaddr.IPv4)
      : v6?.isIPv4MappedAddress()
        ? v6.toIPv4Address()
        : undefined;
  const forms: Address[] = v4 ? [v4, v4.toIPv4MappedAddress()] : [parsed];
  return cidrs.some((entry) => {
    const range = parseRange(entry);
    return typeof range !== 'string' && forms.some((form) => matches(form, range));
  });
}
