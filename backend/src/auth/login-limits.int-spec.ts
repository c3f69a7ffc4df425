import { testEnvironments } from '../test-support/environments.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const PASSWORD = 'the owner password';

describe.each(testEnvironments())('Log-in limits over HTTP ($name mode)', (environment) => {
  let app: TestApp;
  let counter = 0;

  beforeAll(async () => {
    // The test plays callers from many addresses through X-Forwarded-For from a trusted proxy.
    app = await startTestApp(environment, { TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await app.stop();
  });

  const newAccount = async () => {
    const email = `owner.${++counter}@example.com`;
    const created = await app.request('POST', '/api/auth/signup', {
      body: { email, password: PASSWORD, name: 'Owner', session: 'bearer' },
    });
    expect(created.status).toBe(201);
    return email;
  };
  const logIn = (email: string, password: string, ip: string) =>
    app.request('POST', '/api/auth/login', {
      body: { email, password, session: 'bearer' },
      headers: { 'x-forwarded-for': ip },
    });

  it('checks at most 5 of 40 parallel wrong log-ins for one account from one address', async () => {
    const email = await newAccount();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => logIn(email, `guess ${i}`, '198.51.100.1')),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    const limited = answers.find((answer) => answer.status === 429)!;
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The right password from that address waits too: the attempts were all taken.
    expect((await logIn(email, PASSWORD, '198.51.100.1')).status).toBe(429);
  });

  it("lets the owner log in from a known address while an attacker's failures pile up", async () => {
    const email = await newAccount();
    expect((await logIn(email, PASSWORD, '203.0.113.50')).status).toBe(200);
    // Three attacking addresses, 5 guesses each: past the account's 10 free attempts.
    await Promise.all(
      ['198.51.100.11', '198.51.100.12', '198.51.100.13'].flatMap((ip) =>
        Array.from({ length: 5 }, (_, i) => logIn(email, `guess ${i}`, ip)),
      ),
    );
    // A new address is slowed down on this account. Each slot it gets doubles the next wait
    // (2 s, 4 s, 8 s …), and an answer only comes after the password check, which a busy machine
    // can make slower than the first waits: keep trying until one is refused.
    let refused: Awaited<ReturnType<typeof logIn>> | undefined;
    // At most 4: the fifth from this address would meet the per-address limit instead.
    for (let i = 0; i < 4 && !refused; i++) {
      const answer = await logIn(email, `new guess ${i}`, '198.51.100.14');
      if (answer.status === 429) refused = answer;
      else expect(answer.status).toBe(401);
    }
    expect(refused?.body.message).toContain('Too many failed log-ins for this account');
    // … the owner's usual address is not, and the success starts the account's count over.
    const owner = await logIn(email, PASSWORD, '203.0.113.50');
    expect(owner.status).toBe(200);
    expect((await app.request('GET', '/api/me', { token: owner.body.token })).status).toBe(200);
    expect((await logIn(email, 'a guess after the reset', '198.51.100.14')).status).toBe(401);
  });

  it('spaces further attempts on an attacked account exponentially', async () => {
    const email = await newAccount();
    // 10 free attempts from two addresses, then the 11th sets a 2 s wait.
    for (const ip of ['198.51.100.21', '198.51.100.22'])
      for (let i = 0; i < 5; i++) expect((await logIn(email, `guess ${i}`, ip)).status).toBe(401);
    expect((await logIn(email, 'guess 11', '198.51.100.23')).status).toBe(401);
    const first = await logIn(email, 'guess 12', '198.51.100.23');
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await logIn(email, 'guess 12', '198.51.100.23')).status).toBe(401);
    const second = await logIn(email, 'guess 13', '198.51.100.23');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(2);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(4);
  });

  it('limits one address to 20 attempts across accounts', async () => {
    const ip = '198.51.100.31';
    for (let i = 0; i < 20; i++) {
      const answer = await logIn(`nobody.${counter}.${i}@example.com`, 'spray', ip);
      expect(answer.status).toBe(401);
    }
    const sprayed = await logIn(`nobody.${counter}.20@example.com`, 'spray', ip);
    expect(sprayed.status).toBe(429);
    expect(sprayed.body.message).toContain('Too many log-in attempts for this address');
  });
});
