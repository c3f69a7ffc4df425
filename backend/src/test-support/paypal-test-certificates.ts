import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * Test support: a certificate chain made at test time with the openssl CLI, shaped like PayPal's
 * (a root, and a leaf it issued to messageverificationcerts.paypal.com), and deliveries signed
 * the way PayPal documents it.
 */
export interface PaypalTestChain {
  rootPem: string;
  leafPem: string;
  leafKey: KeyObject;
  /** A second leaf from the same root, issued to a name that is not PayPal's. */
  strangerPem: string;
}

/** A root CA and leaves it issued, all valid from now for `days`. */
export function makePaypalTestChain(days = 30): PaypalTestChain {
  const dir = mkdtempSync(join(tmpdir(), 'paypal-certs-'));
  // Arguments are space-separated (none contains a space).
  const openssl = (command: string) =>
    execFileSync('openssl', command.split(' '), { cwd: dir, stdio: 'pipe' });
  try {
    openssl(
      `req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days ${days}` +
        ' -subj /O=HookflowTest/CN=HookflowTestRoot' +
        ' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign',
    );
    const issue = (name: string, cn: string) => {
      openssl(
        `req -new -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.csr` +
          ` -subj /O=HookflowTest/CN=${cn}`,
      );
      openssl(
        `x509 -req -in ${name}.csr -CA root.pem -CAkey root.key -CAcreateserial` +
          ` -days ${days} -sha256 -out ${name}.pem`,
      );
    };
    issue('leaf', 'messageverificationcerts.paypal.com');
    issue('stranger', 'paypal.com.evil.test');
    return {
      rootPem: readFileSync(join(dir, 'root.pem'), 'utf8'),
      leafPem: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
      leafKey: createPrivateKey(readFileSync(join(dir, 'leaf.key'))),
      strangerPem: readFileSync(join(dir, 'stranger.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PaypalDelivery {
  transmissionId?: string;
  /** ISO date-time. */
  transmissionTime: string;
  webhookId: string;
  certUrl: string;
  body: string;
  key: KeyObject;
}

/** PayPal's headers for `body`: SHA256withRSA over id|time|webhook id|CRC32(body) in decimal. */
export function paypalHeaders(delivery: PaypalDelivery): Record<string, string> {
  const transmissionId = delivery.transmissionId ?? '69cd13f0-d67a-11e5-baa3-778b53f4ae55';
  const crc = crc32(Buffer.from(delivery.body, 'utf8')) >>> 0;
  const signed = `${transmissionId}|${delivery.transmissionTime}|${delivery.webhookId}|${crc}`;
  return {
    'paypal-transmission-id': transmissionId,
    'paypal-transmission-time': delivery.transmissionTime,
    'paypal-transmission-sig': sign('sha256', Buffer.from(signed), delivery.key).toString('base64'),
    'paypal-cert-url': delivery.certUrl,
    'paypal-auth-algo': 'SHA256withRSA',
  };
}
