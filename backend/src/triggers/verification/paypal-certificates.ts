import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

/** PayPal's certificate hosts and the path its PAYPAL-CERT-URL always has. */
const PAYPAL_CERT_HOSTS = new Set(['api.paypal.com', 'api.sandbox.paypal.com']);
const CERT_PATH = /^\/v1\/notifications\/certs\/[A-Za-z0-9_.-]+$/;
/** The leaf must be issued to a PayPal host (messageverificationcerts.paypal.com today). */
const PAYPAL_SUBJECT = /(?:^|\n)CN=(?:[a-z0-9-]+\.)*paypal\.com(?:\n|$)/i;
const MAX_CERT_BYTES = 64 * 1024;
const MAX_CACHED = 100;
const CACHE_MS = 24 * 60 * 60 * 1000;

export type CertificateLookup =
  { ok: true; certificate: X509Certificate } | { ok: false; detail: string };

/**
 * TEST ONLY: lets specs serve a locally generated chain from 127.0.0.1. Comes from the
 * `PAYPAL_CERT_TEST_*` settings, never from a flow's config.
 */
export interface PaypalTestOverride {
  /** e.g. `http://127.0.0.1:4567`: accepted in place of PayPal's hosts. */
  certOrigin: string;
  /** The root the test chain ends in, trusted in place of the bundled roots. */
  rootPem: string;
}

export interface PaypalCertificateOptions {
  /** The outbound-guarded fetch. */
  fetch: typeof fetch;
  testOverride?: PaypalTestOverride;
  now?: () => Date;
}

/** Splits a PEM bundle into certificates; undefined when any block is not a certificate. */
function parseChain(pem: string): X509Certificate[] | undefined {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!blocks) return undefined;
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return undefined;
  }
}

/**
 * Fetches and checks the certificate PayPal names in PAYPAL-CERT-URL: the URL must be https on
 * PayPal's own host (anyone can host a certificate that "verifies" their own signature), each
 * certificate of the chain must be in its validity period and signed by the next, the last by a
 * trusted root (Node's bundled Mozilla roots), and the leaf issued to a paypal.com name. Checked
 * certificates are cached by URL for a day (PayPal rotates them rarely, never under one URL).
 */
export class PaypalCertificates {
  private readonly cache = new Map<string, { lookup: Promise<CertificateLookup>; at: number }>();
  private readonly roots: X509Certificate[];
  private readonly now: () => Date;

  constructor(private readonly options: PaypalCertificateOptions) {
    this.now = options.now ?? (() => new Date());
    this.roots = options.testOverride
      ? [new X509Certificate(options.testOverride.rootPem)]
      : rootCertificates.map((pem) => new X509Certificate(pem));
  }

  /** The URL's problem, or undefined when it is one of PayPal's certificate URLs. */
  urlProblem(text: string): string | undefined {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'PAYPAL-CERT-URL header is not a URL';
    }
    const override = this.options.testOverride;
    const pinned = override
      ? url.origin === new URL(override.certOrigin).origin
      : url.protocol === 'https:' && PAYPAL_CERT_HOSTS.has(url.hostname) && url.port === '';
    if (!pinned || url.username || url.password || url.search || url.hash) {
      return 'PAYPAL-CERT-URL is not on PayPal’s certificate host';
    }
    if (!CERT_PATH.test(url.pathname)) return 'PAYPAL-CERT-URL is not a PayPal certificate path';
    return undefined;
  }

  /** The checked leaf certificate at `url`; failures are cached briefly too (one fetch per minute). */
  get(url: string): Promise<CertificateLookup> {
    const problem = this.urlProblem(url);
    if (problem) return Promise.resolve({ ok: false, detail: problem });
    const nowMs = this.now().getTime();
    const cached = this.cache.get(url);
    if (cached && nowMs - cached.at < CACHE_MS) return cached.lookup;
    const lookup = this.load(url);
    this.remember(url, lookup, nowMs);
    void lookup.then((result) => {
      // A failure (PayPal briefly unreachable) is retried after a minute, not after a day.
      if (!result.ok) this.remember(url, lookup, nowMs - CACHE_MS + 60_000);
    });
    return lookup;
  }

  private remember(url: string, lookup: Promise<CertificateLookup>, at: number): void {
    this.cache.delete(url);
    this.cache.set(url, { lookup, at });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
  }

  private async load(url: string): Promise<CertificateLookup> {
    let pem: string;
    try {
      const response = await this.options.fetch(url, {
        redirect: 'error',
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok)
        return { ok: false, detail: `PayPal certificate URL answered ${response.status}` };
      pem = await response.text();
    } catch (problem) {
      return {
        ok: false,
        detail: `PayPal certificate could not be fetched: ${(problem as Error).message}`,
      };
    }
    if (pem.length > MAX_CERT_BYTES)
      return { ok: false, detail: 'PayPal certificate is too large' };
    const chain = parseChain(pem);
    if (!chain) return { ok: false, detail: 'PayPal certificate URL did not return a certificate' };
    return this.check(chain);
  }

  private check(chain: X509Certificate[]): CertificateLookup {
    const now = this.now().getTime();
    for (const certificate of chain) {
      if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) {
        return { ok: false, detail: 'PayPal certificate is expired or not yet valid' };
      }
    }
    for (let i = 0; i + 1 < chain.length; i++) {
      if (!chain[i].checkIssued(chain[i + 1]) || !chain[i].verify(chain[i + 1].publicKey)) {
        return { ok: false, detail: 'PayPal certificate chain is broken' };
      }
    }
    const last = chain[chain.length - 1];
    const anchored = this.roots.some(
      (root) =>
        root.fingerprint256 === last.fingerprint256 ||
        (last.checkIssued(root) && last.verify(root.publicKey)),
    );
    if (!anchored)
      return { ok: false, detail: 'PayPal certificate is not issued by a trusted authority' };
    const leaf = chain[0];
    if (!PAYPAL_SUBJECT.test(leaf.subject)) {
      return { ok: false, detail: 'PayPal certificate is not issued to PayPal' };
    }
    return { ok: true, certificate: leaf };
  }
}
