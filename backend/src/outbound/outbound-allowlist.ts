import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const hostnamePattern =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/**
 * `OUTBOUND_ALLOWLIST`: host names (exact, case-insensitive) and IPv4/IPv6 addresses or CIDR
 * ranges that the outbound guard lets through although they are private.
 */
export class OutboundAllowlist {
  private constructor(
    private readonly hosts: ReadonlySet<string>,
    private readonly ranges: readonly (readonly [Address, number])[],
  ) {}

  /** Throws naming the first entry that is neither a host name, an IP address nor a CIDR range. */
  static parse(entries: readonly string[]): OutboundAllowlist {
    const hosts = new Set<string>();
    const ranges: [Address, number][] = [];
    for (const raw of entries) {
      const entry = raw
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1');
      if (entry === '') continue;
      const range = parseRange(entry);
      if (range) ranges.push(range);
      else if (hostnamePattern.test(withoutTrailingDot(entry)))
        hosts.add(withoutTrailingDot(entry));
      else {
        throw new Error(
          `OUTBOUND_ALLOWLIST: "${raw.trim()}" is not a host name, an IP address or a CIDR range`,
        );
      }
    }
    return new OutboundAllowlist(hosts, ranges);
  }

  allowsHost(hostname: string): boolean {
    return this.hosts.has(withoutTrailingDot(hostname.toLowerCase()));
  }

  allowsAddress(ip: string): boolean {
    const address = parseAddress(ip);
    if (!address) return false;
    return this.ranges.some(([network, bits]) => {
      if (address.kind() !== network.kind()) return false;
      return address.kind() === 'ipv4'
        ? (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits)
        : (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
    });
  }
}

function withoutTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

// IPv4-mapped IPv6 addresses match IPv4 entries, so `10.0.0.0/8` also covers `::ffff:10.0.0.1`.
function parseAddress(ip: string): Address | undefined {
  const text = ip.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!isIP(text)) return undefined;
  const address = ipaddr.parse(text);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

function parseRange(entry: string): [Address, number] | undefined {
  const [ip, bits, ...rest] = entry.split('/');
  const address = parseAddress(ip);
  if (!address || rest.length > 0) return undefined;
  const written = ip.includes(':') ? 128 : 32;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [address, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > written) return undefined;
  // A mapped IPv6 range became IPv4 above; its prefix length shrinks with it.
  const length = Number(bits) - (written - max);
  return length < 0 ? undefined : [address, length];
}
