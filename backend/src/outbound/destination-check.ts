import { lookup as systemLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-classifier.js';
import { BlockedDestinationError } from './blocked-destination.error.js';
import type { OutboundGuardOptions } from './guarded-fetch.js';
import { OutboundAllowlist } from './outbound-allowlist.js';

/**
 * The outbound guard for connections that are not HTTP (SMTP): resolves `host`,
 * checks every address like the guarded fetch does, and returns the address to connect to, so
 * the caller dials exactly what was checked (no DNS rebinding). Rejects with a
 * BlockedDestinationError.
 */
export type CheckDestination = (host: string, port: number) => Promise<string>;

export function createDestinationCheck(options: OutboundGuardOptions): CheckDestination {
  const allowlist = OutboundAllowlist.parse(options.allowlist);
  const resolve =
    options.lookup ??
    ((hostname: string) => systemLookup(hostname, { all: true, order: 'ipv4first' }));
  return async (host, port) => {
    const hostname = host.trim().replace(/^\[(.*)\]$/, '$1');
    const addresses = isIP(hostname)
      ? [hostname]
      : (await resolve(hostname)).map((resolved) => resolved.address);
    if (addresses.length === 0) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        hostname,
      });
    }
    if (!options.allowPrivate && !allowlist.allowsHost(hostname)) {
      for (const address of addresses) {
        if (allowlist.allowsAddress(address)) continue;
        const { allowed, range } = classifyAddress(address);
        if (!allowed) throw BlockedDestinationError.privateAddress(hostname, address, range);
      }
    }
    options.onConnect?.({ hostname, address: addresses[0], port });
    return addresses[0];
  };
}
