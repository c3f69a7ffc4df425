import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'hookflow-config-'));
const serverEnv = {
  DATABASE_URL: 'postgres://u@db:5432/hookflow',
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  JWT_SECRET: 'x'.repeat(40),
};

describe(loadConfig.name, () => {
  it('defaults to the embedded mode, role all, on port 3000', () => {
    const sut = loadConfig({ DATA_DIR: freshDir() });
    expect(sut).toMatchObject({ mode: 'embedded', role: 'all', runsApi: true, runsWorker: true });
    expect(sut.http).toEqual({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
      hooksUrl: 'http://localhost:3000',
      publicUrlFollowsPort: true,
    });
    expect(sut.queue.backend).toBe('postgres');
    expect(sut.outbound).toEqual({ allowPrivate: false, allowlist: [] });
  });

  it('generates the encryption key and JWT secret once into DATA_DIR and reuses them', () => {
    const dataDir = freshDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.security.encryptionKey).toHaveLength(32);
    expect(second.security.encryptionKey.equals(first.security.encryptionKey)).toBe(true);
    expect(second.security.jwtSecret).toBe(first.security.jwtSecret);
    expect(readFileSync(join(dataDir, 'jwt.secret'), 'utf8').trim()).toBe(first.security.jwtSecret);
  });

  it('reads the server mode settings', () => {
    const sut = loadConfig({
      ...serverEnv,
      REDIS_URL: 'redis://cache:6379/2',
      ROLE: 'worker',
      PUBLIC_URL: 'https://hooks.example.com/',
      OUTBOUND_ALLOWLIST: 'internal.example.com, 10.1.0.0/16',
      WORKER_CONCURRENCY: '50',
    });
    expect(sut).toMatchObject({ mode: 'server', role: 'worker', runsApi: false, runsWorker: true });
    expect(sut.queue).toMatchObject({
      backend: 'redis',
      redisUrl: 'redis://cache:6379/2',
      concurrency: 50,
    });
    expect(sut.http.publicUrl).toBe('https://hooks.example.com');
    expect(sut.http.hooksUrl).toBe('https://hooks.example.com');
    expect(sut.outbound.allowlist).toEqual(['internal.example.com', '10.1.0.0/16']);
  });

  it('serves trigger URLs from HOOKS_PUBLIC_URL when it is set', () => {
    const sut = loadConfig({
      DATA_DIR: freshDir(),
      PUBLIC_URL: 'https://flows.example.com',
      HOOKS_PUBLIC_URL: 'https://hooks.example.com/',
    });
    expect(sut.http).toMatchObject({
      publicUrl: 'https://flows.example.com',
      hooksUrl: 'https://hooks.example.com',
    });
    expect(() => loadConfig({ DATA_DIR: freshDir(), HOOKS_PUBLIC_URL: 'ftp://x' })).toThrow(
      'Invalid setting HOOKS_PUBLIC_URL: must be a http:// or https:// URL',
    );
  });

  it.each([
    ['false', false],
    ['2', 2],
    ['loopback, 10.0.0.0/8, fd00::1', ['loopback', '10.0.0.0/8', 'fd00::1']],
  ])('reads TRUST_PROXY=%s as Express trust proxy %j', (raw, expected) => {
    expect(loadConfig({ DATA_DIR: freshDir(), TRUST_PROXY: raw }).http.trustProxy).toEqual(
      expected,
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid setting PORT: must be a whole number'],
    [{ PORT: '70000' }, 'Invalid setting PORT: must be at most 65535'],
    [{ ROLE: 'leader' }, 'Invalid setting ROLE: must be all, api or worker'],
    [
      { DATABASE_URL: 'mysql://x' },
      'Invalid setting DATABASE_URL: must be a postgres:// or postgresql:// URL',
    ],
    [{ REDIS_URL: 'not a url' }, 'Invalid setting REDIS_URL: must be a redis:// or rediss:// URL'],
    [
      { OUTBOUND_ALLOW_PRIVATE: 'maybe' },
      'Invalid setting OUTBOUND_ALLOW_PRIVATE: must be true or false',
    ],
    [
      { TRUST_PROXY: 'true' },
      'Invalid setting TRUST_PROXY: true would let any caller pick its address: give a hop count or proxy addresses',
    ],
    [
      { TRUST_PROXY: 'loopback, proxy.local' },
      'Invalid setting TRUST_PROXY: "proxy.local" is not an IP address or CIDR (use a hop count, or addresses, CIDRs, loopback, linklocal, uniquelocal)',
    ],
    [{ LOG_LEVEL: 'loud' }, 'Invalid setting LOG_LEVEL: must be error, warn, info or debug'],
    [
      { DATABASE_URL: serverEnv.DATABASE_URL },
      'Invalid setting ENCRYPTION_KEY: is required when DATABASE_URL is set (32 bytes, base64 or hex)',
    ],
    [
      { ...serverEnv, JWT_SECRET: undefined },
      'Invalid setting JWT_SECRET: is required when DATABASE_URL is set (at least 32 characters)',
    ],
    [
      { ...serverEnv, ENCRYPTION_KEY: 'c2hvcnQ=' },
      'Invalid setting ENCRYPTION_KEY: must be 32 bytes encoded as base64 or 64 hex characters',
    ],
  ])('stops the boot with one line naming the bad setting: %j', (env, message) => {
    const load = () => loadConfig({ DATA_DIR: freshDir(), ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});
