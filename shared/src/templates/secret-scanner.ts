import { nodeCatalog } from '../catalog/catalog';
import type { NodeDescription } from '../catalog/define-node';
import { secretPaths, type PropsRecord } from '../catalog/props';
import { parseTemplate } from '../expressions/template';
import { isSensitiveName } from '../redaction/redact';
import type { FlowNode } from '../flow/flow-definition.schema';
import { nodeIssue } from '../flow/flow-issue';

export type SecretFindingKind =
  'token-prefix' | 'url-credentials' | 'sensitive-key' | 'high-entropy';

/** A config value that looks like a secret; it names where, never what. */
export interface SecretFinding {
  nodeId: string;
  /** Dotted path inside the node's config, e.g. `headers.Authorization`. */
  field: string;
  kind: SecretFindingKind;
  /** What it looks like, e.g. `a Stripe secret key (sk_live_…)`. */
  reason: string;
  /** One line for people: `Node "Call API" (n2): field "headers.Authorization" holds …`. */
  message: string;
}

// Formats with a recognisable prefix; the minimum lengths keep "xoxb-…" in prose from matching.
const TOKEN_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token (xox…-)'],
  [/\bxapp-[A-Za-z0-9-]{10,}/, 'a Slack app token (xapp-)'],
  [/\bsk_live_[A-Za-z0-9]{8,}/, 'a Stripe secret key (sk_live_)'],
  [/\brk_live_[A-Za-z0-9]{8,}/, 'a Stripe restricted key (rk_live_)'],
  [/\b[sr]k_test_[A-Za-z0-9]{8,}/, 'a Stripe test key'],
  [/\bwhsec_[A-Za-z0-9+/=]{8,}/, 'a webhook signing secret (whsec_)'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/, 'a GitHub token (ghp_…)'],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/, 'a GitHub token (github_pat_)'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token (glpat-)'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id (AKIA…)'],
  [/\bAIza[0-9A-Za-z_-]{35}/, 'a Google API key (AIza…)'],
  [/\bSG\.[\w-]{16,}\.[\w-]{16,}/, 'a SendGrid API key (SG.)'],
  [/\bsk-(?:proj-|ant-)?(?=[\w-]*\d)[\w-]{20,}/, 'an API secret key (sk-…)'],
  [/\bnpm_[A-Za-z0-9]{30,}/, 'an npm token (npm_)'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/, 'a JSON Web Token'],
  [
    /hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/,
    'a Slack webhook URL',
  ],
  [/discord(?:app)?\.com\/api\/webhooks\/\d+\/[\w-]{20,}/, 'a Discord webhook URL'],
];

// Auth schemes are not secret; what follows them is.
const AUTH_SCHEME = /^(?:bearer|basic|token|bot|digest|apikey)\b\s*/i;
// Obvious stand-ins ("<your token>", "xxxx", "***") are instructions, not secrets.
const STAND_IN = /^(?:<[^>]*>|\[[^\]]*\]|[x*.•…_-]+|your[\w -]*|changeme|redacted)$/i;
const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>`]+/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;

/** Bits per character of `text`'s own character distribution (Shannon). */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const charClass = (ch: string) =>
  ch >= '0' && ch <= '9' ? 'd' : ch >= 'a' && ch <= 'z' ? 'l' : ch >= 'A' && ch <= 'Z' ? 'u' : '';

/**
 * Whether one token (no spaces) looks machine-generated: long, letters and digits interleaved,
 * and close to the entropy of random text. Words with a trailing number (`order_created_2024`)
 * and UUIDs (ids, not secrets) pass; hex needs 32+ characters, since short hex is usually an id.
 */
export function looksRandom(token: string): boolean {
  if (token.length < 20 || UUID.test(token)) return false;
  const classes = [...token].map(charClass).filter(Boolean);
  const digits = classes.filter((c) => c === 'd').length;
  if (digits < 2 || classes.length - digits < 2) return false;
  if (HEX.test(token)) return token.length >= 32 && shannonEntropy(token) >= 3;
  let changes = 0;
  for (let i = 1; i < classes.length; i++) if (classes[i] !== classes[i - 1]) changes++;
  return changes / (classes.length - 1) >= 0.15 && shannonEntropy(token) >= 3.5;
}

/** Long base64/hex-like runs in free text; slashes split paths, unless `+`/`=` say base64. */
function hasRandomToken(text: string): boolean {
  for (const [token] of text.matchAll(/[A-Za-z0-9+/=_-]{20,}/g)) {
    const whole = /[+=]/.test(token) || !token.includes('/');
    if (whole ? looksRandom(token) : token.split('/').some(looksRandom)) return true;
  }
  return false;
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A URL's host and plain path are not secret; its password, key-named query values and random-looking parts are. */
function urlFinding(raw: string): [SecretFindingKind, string] | undefined {
  if (/^https?:\/\/[^/?#@\s]*:[^/?#@\s]+@/i.test(raw)) {
    return ['url-credentials', 'a password inside a URL'];
  }
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  for (const [key, value] of url.searchParams) {
    if (isSensitiveName(key) && isFilledIn(value)) {
      return ['sensitive-key', `a value for the "${key}" query parameter`];
    }
    if (looksRandom(value)) return ['high-entropy', 'a long random-looking string'];
  }
  const parts = [...url.pathname.split('/'), url.hash.slice(1)].map(safeDecode);
  if (parts.some(looksRandom)) return ['high-entropy', 'a long random-looking string'];
  return undefined;
}

const isFilledIn = (value: string) => {
  const rest = value.trim().replace(AUTH_SCHEME, '').trim();
  return rest.length >= 4 && !STAND_IN.test(rest);
};

/** The literal text of a config string: `{{ }}` expressions are computed at run time, not secrets. */
function literalParts(value: string): string[] {
  try {
    return parseTemplate(value).flatMap((segment) =>
      segment.kind === 'text' ? [segment.text] : [],
    );
  } catch {
    return [value];
  }
}

/** Why one string value looks like a secret, or undefined. `key` is the object key it sits under. */
export function classifySecret(
  value: string,
  key?: string,
): { kind: SecretFindingKind; reason: string } | undefined {
  const parts = literalParts(value);
  const literal = parts.join(' ');
  for (const [pattern, reason] of TOKEN_PATTERNS) {
    if (pattern.test(literal)) return { kind: 'token-prefix', reason };
  }
  for (const part of parts) {
    for (const [url] of part.matchAll(URL_PATTERN)) {
      const found = urlFinding(url);
      if (found) return { kind: found[0], reason: found[1] };
    }
  }
  if (key !== undefined && isSensitiveName(key) && parts.some(isFilledIn)) {
    return { kind: 'sensitive-key', reason: `a literal "${key}" value` };
  }
  const withoutUrls = parts.map((part) => part.replace(URL_PATTERN, ' ')).join(' ');
  if (hasRandomToken(withoutUrls)) {
    return { kind: 'high-entropy', reason: 'a long random-looking string' };
  }
  return undefined;
}

/** Config paths the scanner leaves alone: secret fields (sealed or stripped) and credential ids. */
function exemptPaths(props: PropsRecord): Set<string> {
  const credentialFields = Object.entries(props)
    .filter(([, prop]) => prop.type === 'credential')
    .map(([key]) => key);
  return new Set([...secretPaths(props), ...credentialFields]);
}

/**
 * Every config value of every node that looks like a secret written into the flow instead of a
 * credential: Authorization / API-key header and query values, known token prefixes
 * (`xoxb-`, `sk_live_`, `ghp_`…), passwords in URLs, and long high-entropy strings. Fields the
 * catalog declares secret, and credential ids, are not reported: they never leave as they are.
 */
export function scanSecrets(
  definition: { nodes: readonly FlowNode[] },
  catalog: readonly NodeDescription[] = nodeCatalog,
): SecretFinding[] {
  const types = new Map(catalog.map((description) => [description.type, description]));
  return definition.nodes.flatMap((node) => {
    const description = types.get(node.type);
    const exempt = description ? exemptPaths(description.props) : new Set<string>();
    const findings: SecretFinding[] = [];
    const walk = (value: unknown, path: string[]) => {
      const field = path.join('.');
      if (exempt.has(field)) return;
      if (typeof value === 'string') {
        const found = classifySecret(value, path.length > 1 ? path[path.length - 1] : undefined);
        if (found) {
          const { message } = nodeIssue(
            node,
            `holds what looks like ${found.reason}; move it into a credential`,
            field,
          );
          findings.push({ nodeId: node.id, field, ...found, message });
        }
      } else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
      }
    };
    for (const [key, value] of Object.entries(node.config)) walk(value, [key]);
    return findings;
  });
}
