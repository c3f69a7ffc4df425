import { lookup as systemLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  Agent,
  buildConnector,
  fetch as undiciFetch,
  type RequestInit as UndiciRequestInit,
} from 'undici';
import { classifyAddress } from './address-classifier.js';
import { BlockedDestinationError, findBlockedDestination } from './blocked-destination.error.js';
import { OutboundAllowlist } from './outbound-allowlist.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (like `dns.lookup(host, { all: true })`). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export interface ConnectTarget {
  hostname: string;
  address: string;
  port: number;
}

export interface OutboundGuardOptions {
  /** `OUTBOUND_ALLOW_PRIVATE`: connect anywhere. */
  allowPrivate: boolean;
  /** `OUTBOUND_ALLOWLIST`: host names, IP addresses and CIDR ranges let through anyway. */
  allowlist: readonly string[];
  /** DNS resolution. Default: the system resolver. */
  lookup?: ResolveHost;
  /** Called with each checked address right before its socket opens; throwing refuses it. */
  onConnect?: (target: ConnectTarget) => void;
  /** Redirects followed per request (each hop is checked again). Default 5. */
  maxRedirects?: number;
}

type FetchInput = Parameters<typeof fetch>[0];

const resolveWithSystem: ResolveHost = (hostname) => systemLookup(hostname, { all: true });

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin must not follow a redirect to another (as browsers do).
const originBoundHeaders = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * The `fetch` handlers get. Every connection resolves its host itself, checks each
 * address with {@link classifyAddress} and the allowlist, and connects to exactly the address it
 * checked, so DNS rebinding cannot swap it afterwards. Redirects are followed here, hop by hop
 * (at most `maxRedirects`), and every hop's connection passes the same check. A refusal rejects
 * with a {@link BlockedDestinationError} (`code: 'BLOCKED_DESTINATION'`).
 */
export function createGuardedFetch(options: OutboundGuardOptions): typeof fetch {
  const allowlist = OutboundAllowlist.parse(options.allowlist);
  const dispatcher = new Agent({ connect: guardedConnector(options, allowlist) });
  const maxRedirects = options.maxRedirects ?? 5;

  const guardedFetch = async (input: FetchInput, init: RequestInit = {}): Promise<Response> => {
    const request = await requestParts(input, init);
    let { url, method, body } = request;
    const headers = new Headers(request.headers);
    // undici's FormData class is not the global one; send the global one's encoding instead.
    if (body instanceof FormData) {
      const encoded = new Response(body);
      body = await encoded.arrayBuffer();
      headers.set('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
    }

    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw BlockedDestinationError.scheme(url);
      }
      const response = await send(url, {
        ...init,
        method,
        headers,
        body,
        signal: request.signal,
        redirect: 'manual',
      });
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null) return response;
      if (request.redirect === 'manual') return response;
      await response.body?.cancel();
      if (request.redirect === 'error') {
        throw new TypeError(`${url.origin}${url.pathname} redirected, and redirects were refused`);
      }
      if (redirects >= maxRedirects) {
        throw new TypeError(`More than ${maxRedirects} redirects, last to ${location}`);
      }

      const next = new URL(location, url);
      const becomesGet =
        (response.status === 303 && method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && method === 'POST');
      if (becomesGet) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      } else if (body instanceof ReadableStream) {
        throw new TypeError(`Cannot repeat a streamed body for a ${response.status} redirect`);
      }
      if (next.origin !== url.origin) originBoundHeaders.forEach((name) => headers.delete(name));
      url = next;
    }
  };

  async function send(url: URL, init: RequestInit): Promise<Response> {
    const streamed = init.body instanceof ReadableStream ? { duplex: 'half' as const } : {};
    try {
      const response = await undiciFetch(url, {
        ...(init as UndiciRequestInit),
        ...streamed,
        dispatcher,
      });
      return asGlobalResponse(response);
    } catch (error) {
      throw findBlockedDestination(error) ?? error;
    }
  }

  return guardedFetch as typeof fetch;
}

const nullBodyStatuses = new Set([204, 205, 304]);

// undici's own Response and Headers classes are not the global ones (`instanceof Headers` fails),
// so callers get a global Response around the same body stream.
function asGlobalResponse(response: Awaited<ReturnType<typeof undiciFetch>>): Response {
  const result = new Response(nullBodyStatuses.has(response.status) ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
  });
  Object.defineProperty(result, 'url', { value: response.url });
  return result;
}

interface RequestParts {
  url: URL;
  method: string;
  headers: RequestInit['headers'];
  body: RequestInit['body'];
  redirect: NonNullable<RequestInit['redirect']>;
  signal: AbortSignal | null | undefined;
}

async function requestParts(input: FetchInput, init: RequestInit): Promise<RequestParts> {
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (!(input instanceof Request)) {
    const url = new URL(input instanceof URL ? input.href : input);
    return {
      url,
      method,
      headers: init.headers,
      body: init.body,
      redirect: init.redirect ?? 'follow',
      signal: init.signal,
    };
  }
  const body = init.body ?? (input.body ? await input.arrayBuffer() : undefined);
  return {
    url: new URL(input.url),
    method,
    headers: init.headers ?? input.headers,
    body,
    redirect: init.redirect ?? input.redirect,
    signal: init.signal ?? input.signal,
  };
}

function guardedConnector(
  options: OutboundGuardOptions,
  allowlist: OutboundAllowlist,
): buildConnector.connector {
  const connectTo = buildConnector({});
  const resolve = options.lookup ?? resolveWithSystem;

  const checkedAddresses = async (hostname: string): Promise<string[]> => {
    const addresses = isIP(hostname)
      ? [hostname]
      : (await resolve(hostname)).map((resolved) => resolved.address);
    if (addresses.length === 0) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        hostname,
      });
    }
    if (options.allowPrivate || allowlist.allowsHost(hostname)) return addresses;
    for (const address of addresses) {
      if (allowlist.allowsAddress(address)) continue;
      const { allowed, range } = classifyAddress(address);
      if (!allowed) throw BlockedDestinationError.privateAddress(hostname, address, range);
    }
    return addresses;
  };

  return (connectOptions, callback) => {
    const { hostname, protocol } = connectOptions;
    const port = Number(connectOptions.port) || (protocol === 'https:' ? 443 : 80);
    // The host header and TLS server name still come from `host`; only the dialed address changes.
    const attempt = (addresses: string[], index: number): void => {
      const address = addresses[index];
      try {
        options.onConnect?.({ hostname, address, port });
      } catch (error) {
        callback(error as Error, null);
        return;
      }
      connectTo({ ...connectOptions, hostname: address }, (...result) => {
        if (result[0] === null || index + 1 >= addresses.length) callback(...result);
        else attempt(addresses, index + 1);
      });
    };
    checkedAddresses(hostname).then(
      (addresses) => attempt(addresses, 0),
      (error: unknown) => callback(error as Error, null),
    );
  };
}
