import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** Whether the outbound guard lets a connection to an address through, and the range it is in. */
export interface AddressClass {
  allowed: boolean;
  /** `public` when allowed; otherwise the special-purpose range, e.g. `loopback`, `private`. */
  range: string;
}

type Network<A> = readonly [network: A, bits: number, range: string];

// Special-purpose ranges (IANA registries), most specific first.
const blockedV4: Network<ipaddr.IPv4>[] = (
  [
    ['0.0.0.0', 8, 'unspecified'],
    ['10.0.0.0', 8, 'private'],
    ['100.64.0.0', 10, 'carrier-grade NAT'],
    ['127.0.0.0', 8, 'loopback'],
    ['169.254.0.0', 16, 'link-local'],
    ['172.16.0.0', 12, 'private'],
    ['192.0.0.0', 24, 'reserved'],
    ['192.0.2.0', 24, 'documentation'],
    ['192.88.99.0', 24, 'reserved'],
    ['192.168.0.0', 16, 'private'],
    ['198.18.0.0', 15, 'benchmarking'],
    ['198.51.100.0', 24, 'documentation'],
    ['203.0.113.0', 24, 'documentation'],
    ['224.0.0.0', 4, 'multicast'],
    ['255.255.255.255', 32, 'broadcast'],
    ['240.0.0.0', 4, 'reserved'],
  ] as const
).map(([network, bits, range]) => [ipaddr.IPv4.parse(network), bits, range]);

const blockedV6: Network<ipaddr.IPv6>[] = (
  [
    ['::', 128, 'unspecified'],
    ['::1', 128, 'loopback'],
    // IPv4-compatible addresses (deprecated).
    ['::', 96, 'reserved'],
    // Local-use NAT64 prefix (RFC 8215): translates into the operator's own network.
    ['64:ff9b:1::', 48, 'reserved'],
    ['100::', 64, 'reserved'],
    ['2001:db8::', 32, 'documentation'],
    ['2001:10::', 28, 'reserved'],
    ['2001:20::', 28, 'reserved'],
    ['fc00::', 7, 'unique-local'],
    ['fe80::', 10, 'link-local'],
    ['fec0::', 10, 'site-local'],
    ['ff00::', 8, 'multicast'],
  ] as const
).map(([network, bits, range]) => [ipaddr.IPv6.parse(network), bits, range]);

const globalUnicastV6: Network<ipaddr.IPv6> = [ipaddr.IPv6.parse('2000::'), 3, 'public'];

const allowed: AddressClass = { allowed: true, range: 'public' };

/**
 * Classifies an IP address (as DNS or a parsed URL gives it) for the outbound guard.
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo) are judged by the
 * IPv4 address inside, so `::ffff:127.0.0.1` is loopback. Anything that is not a plain IP
 * address is refused as `invalid`.
 */
export function classifyAddress(ip: string): AddressClass {
  const text = ip.trim().replace(/^\[(.*)\]$/, '$1');
  switch (isIP(text)) {
    case 4:
      return classifyV4(ipaddr.IPv4.parse(text));
    case 6:
      return classifyV6(ipaddr.IPv6.parse(text.replace(/%.*$/, '')));
    default:
      return { allowed: false, range: 'invalid' };
  }
}

function classifyV4(address: ipaddr.IPv4): AddressClass {
  const range = blockedV4.find(([network, bits]) => address.match(network, bits))?.[2];
  return range ? { allowed: false, range } : allowed;
}

function classifyV6(address: ipaddr.IPv6): AddressClass {
  const embedded = embeddedV4(address);
  if (embedded) {
    const inner = embedded.addresses.map(classifyV4).find((c) => !c.allowed);
    return inner ? { allowed: false, range: `${embedded.kind} ${inner.range}` } : allowed;
  }
  const range = blockedV6.find(([network, bits]) => address.match(network, bits))?.[2];
  if (range) return { allowed: false, range };
  // Outside 2000::/3 nothing is allocated for public unicast.
  const [network, bits] = globalUnicastV6;
  return address.match(network, bits) ? allowed : { allowed: false, range: 'reserved' };
}

const v4At = (parts: number[], index: number, xor = 0) =>
  new ipaddr.IPv4(
    [parts[index] >> 8, parts[index] & 0xff, parts[index + 1] >> 8, parts[index + 1] & 0xff].map(
      (octet) => octet ^ xor,
    ),
  );

const prefixes = {
  mapped: ipaddr.IPv6.parse('::ffff:0:0'),
  translated: ipaddr.IPv6.parse('::ffff:0:0:0'),
  nat64: ipaddr.IPv6.parse('64:ff9b::'),
  sixToFour: ipaddr.IPv6.parse('2002::'),
  teredo: ipaddr.IPv6.parse('2001::'),
};

// The IPv4 address(es) an IPv6 address stands for, where a gateway would connect to them.
function embeddedV4(address: ipaddr.IPv6): { kind: string; addresses: ipaddr.IPv4[] } | undefined {
  const { parts } = address;
  if (address.match(prefixes.mapped, 96))
    return { kind: 'IPv4-mapped', addresses: [v4At(parts, 6)] };
  if (address.match(prefixes.translated, 96)) {
    return { kind: 'IPv4-translated', addresses: [v4At(parts, 6)] };
  }
  if (address.match(prefixes.nat64, 96)) return { kind: 'NAT64', addresses: [v4At(parts, 6)] };
  if (address.match(prefixes.sixToFour, 16)) return { kind: '6to4', addresses: [v4At(parts, 1)] };
  // Teredo: server address in bits 32–63, the client's (inverted) in the last 32 bits.
  if (address.match(prefixes.teredo, 32)) {
    return { kind: 'Teredo', addresses: [v4At(parts, 2), v4At(parts, 6, 0xff)] };
  }
  return undefined;
}
