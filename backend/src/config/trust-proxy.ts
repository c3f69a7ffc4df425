import { validateCidrs } from '../triggers/verification/ip-allowlist.js';

/** What Express's `trust proxy` setting receives: nothing, a hop count, or addresses to trust. */
export type TrustProxy = false | number | string[];

// Express's (proxy-addr's) names for common ranges.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Parses TRUST_PROXY: `false` (the default: X-Forwarded-For is ignored and the client is the
 * socket's peer), a hop count (`1` = one proxy in front), or a comma-separated list of proxy
 * addresses, CIDRs and the names `loopback`, `linklocal`, `uniquelocal`. `true` (trust every hop)
 * is refused: anyone could then choose their own address. Returns an error message when invalid.
 */
export function parseTrustProxy(raw: string): TrustProxy | string {
  const text = raw.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true')
    return 'true would let any caller pick its address: give a hop count or proxy addresses';
  const entries = text.split(',').map((entry) => entry.trim());
  const addresses = entries.filter((entry) => !RANGE_NAMES.has(entry));
  const problems = validateCidrs(addresses).map((problem) => problem.replace(/^[^:]*: /, ''));
  if (problems.length)
    return `${problems[0]} (use a hop count, or addresses, CIDRs, loopback, linklocal, uniquelocal)`;
  return entries;
}
