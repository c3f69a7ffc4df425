import type { FlowNode } from '../flow/flow-definition.schema';
import { classifySecret, looksRandom, scanSecrets, shannonEntropy } from './secret-scanner';

const node = (id: string, type: string, config: Record<string, unknown>): FlowNode => ({
  id,
  type,
  name: `Step ${id}`,
  config,
  position: { x: 0, y: 0 },
});

// Fixed, random-looking values (generated once), so the tests never flake.
const RANDOM_62 = 'q8ZrT3vLx9WbN2kPfH7sYc4D';
const RANDOM_HEX = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe(shannonEntropy.name, () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe(looksRandom.name, () => {
  it.each([RANDOM_62, RANDOM_HEX, 'dGhpcyBpcyBhIHNlY3JldCB2YWx1ZTE2'])('flags %s', (token) => {
    expect(looksRandom(token)).toBe(true);
  });

  it.each([
    'order_created_event_2024',
    'customer_subscription_updated1',
    'ThisIsMyVeryLongIdentifier2',
    '3f1c2b9e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
    'v1.2.3-beta.20240101',
    '1736154000.000200',
    'abc123',
  ])('leaves %s alone', (token) => {
    expect(looksRandom(token)).toBe(false);
  });
});

describe(classifySecret.name, () => {
  it.each([
    ['xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'Slack token'],
    ['Bearer sk_live_51H8xYzAbCdEfGhIjKlMnOp', 'Stripe secret key'],
    ['rk_live_51H8xYzAbCdEfGhIjKl', 'Stripe restricted key'],
    ['ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', 'GitHub token'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'GitHub token'],
    ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'signing secret'],
    ['AKIAIOSFODNN7EXAMPLE', 'AWS access key'],
    ['https://hooks.slack.com/services/T0001/B0002/AbCdEfGhIjKl', 'Slack webhook URL'],
  ])('recognises %s by its prefix', (value, reason) => {
    expect(classifySecret(value)).toEqual({
      kind: 'token-prefix',
      reason: expect.stringContaining(reason),
    });
  });

  it('flags credentials under sensitive header and query names, but not auth schemes alone', () => {
    expect(classifySecret('Bearer abc123xyz', 'Authorization')?.kind).toBe('sensitive-key');
    expect(classifySecret('my-key-value', 'X-API-Key')?.kind).toBe('sensitive-key');
    expect(classifySecret('hunter22', 'db_password')?.kind).toBe('sensitive-key');
    expect(classifySecret('Bearer {{ steps.n2.body.token }}', 'Authorization')).toBeUndefined();
    expect(classifySecret('{{ trigger.headers.authorization }}', 'Authorization')).toBeUndefined();
    expect(classifySecret('<your token>', 'X-Auth-Token')).toBeUndefined();
    expect(classifySecret('application/json', 'Content-Type')).toBeUndefined();
  });

  it('looks at the parts of URLs that can hold secrets, not the host or a plain path', () => {
    expect(classifySecret('https://ada:s3cret@db.example.com/x')?.kind).toBe('url-credentials');
    expect(classifySecret('https://api.example.com/v1/orders?api_key=abcd1234')?.kind).toBe(
      'sensitive-key',
    );
    expect(classifySecret(`https://api.example.com/hooks/${RANDOM_62}`)?.kind).toBe('high-entropy');
    expect(
      classifySecret('https://api.example.com/v1/orders/ord_1042?status=paid'),
    ).toBeUndefined();
    expect(
      classifySecret('https://api.example.com/v1/customers/{{ trigger.body.customer.id }}'),
    ).toBeUndefined();
    expect(classifySecret('https://www.githubstatus.com/api/v2/status.json')).toBeUndefined();
  });

  it('flags long random strings in text but skips what expressions compute', () => {
    expect(classifySecret(`key=${RANDOM_62}`)?.kind).toBe('high-entropy');
    expect(classifySecret(RANDOM_HEX)?.kind).toBe('high-entropy');
    expect(
      classifySecret('{{ $substringAfter(trigger.body.ref, "q8ZrT3vLx9WbN2kPfH7sYc4D") }}'),
    ).toBeUndefined();
    expect(classifySecret('New order {{ trigger.body.id }} for 59.90 EUR')).toBeUndefined();
  });
});

describe(scanSecrets.name, () => {
  it('reports each suspicious value by node id and field path, never the value itself', () => {
    const findings = scanSecrets({
      nodes: [
        node('n1', 'trigger.webhook', { methods: ['POST'], auth: { type: 'none' } }),
        node('n2', 'http.request', {
          method: 'POST',
          url: 'https://api.stripe.com/v1/refunds',
          headers: { Authorization: 'Bearer sk_live_51H8xYzAbCdEfGhIjKlMnOp', Accept: 'json' },
          body: { nested: [{ apiKey: 'abcd-1234-efgh' }] },
        }),
      ],
    });
    expect(findings).toEqual([
      expect.objectContaining({
        nodeId: 'n2',
        field: 'headers.Authorization',
        kind: 'token-prefix',
      }),
      expect.objectContaining({
        nodeId: 'n2',
        field: 'body.nested.0.apiKey',
        kind: 'sensitive-key',
      }),
    ]);
    expect(findings[0].message).toBe(
      'Node "Step n2" (n2): field "headers.Authorization" holds what looks like a Stripe secret key (sk_live_); move it into a credential',
    );
    expect(JSON.stringify(findings)).not.toContain('51H8x');
  });

  it('leaves secret fields and credential ids to the catalog, and scans unknown node types fully', () => {
    const findings = scanSecrets({
      nodes: [
        node('n1', 'trigger.webhook', {
          auth: { type: 'github', secret: { $sealed: RANDOM_HEX } },
        }),
        node('n2', 'slack.message', { credentialId: RANDOM_62, text: 'hi' }),
        node('n3', 'custom.thing', { credentialId: RANDOM_62 }),
      ],
    });
    expect(findings.map((f) => `${f.nodeId}:${f.field}`)).toEqual(['n3:credentialId']);
  });
});
