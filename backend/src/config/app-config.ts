import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { IntegrationSettings } from '../engine/node-handler.js';
import { integrationSettingValues } from '../integrations/implement-integration.js';
import { integrationImplementations } from '../integrations/node-registry.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/** One documented setting: the README's settings table is checked against this list. */
export interface SettingDoc {
  name: string;
  default: string;
  description: string;
}

// The settings integrations declare (API base URLs), parsed and documented like the rest.
const integrationSettings = integrationImplementations.flatMap((integration) =>
  Object.values(integration.settings),
);

export const SETTINGS: SettingDoc[] = [
  {
    name: 'PORT',
    default: '3000',
    description: 'HTTP port of the api / all roles; 0 takes a free one.',
  },
  {
    name: 'DATA_DIR',
    default: './data',
    description: 'Embedded mode: where the database and generated keys live.',
  },
  {
    name: 'DATABASE_URL',
    default: '(unset: embedded PGlite)',
    description: 'PostgreSQL connection string; switches to server mode.',
  },
  {
    name: 'REDIS_URL',
    default: '(unset)',
    description: 'Redis for BullMQ; without it BullMQ runs on PostgreSQL.',
  },
  { name: 'ROLE', default: 'all', description: '`all` (API + worker + UI), `api` or `worker`.' },
  {
    name: 'PUBLIC_URL',
    default: 'http://localhost:PORT',
    description:
      'Base URL of the editor and API (and of trigger URLs unless HOOKS_PUBLIC_URL is set).',
  },
  {
    name: 'HOOKS_PUBLIC_URL',
    default: '(unset: PUBLIC_URL)',
    description:
      'Base URL of trigger URLs on a host of their own, e.g. https://hooks.example.com (recommended).',
  },
  {
    name: 'ENCRYPTION_KEY',
    default: 'generated into DATA_DIR',
    description: '32-byte key (base64 or hex) for credentials at rest; required in server mode.',
  },
  {
    name: 'JWT_SECRET',
    default: 'generated into DATA_DIR',
    description: 'Secret signing log-in tokens; required in server mode.',
  },
  {
    name: 'OUTBOUND_ALLOW_PRIVATE',
    default: 'false',
    description: 'Let steps call private, loopback and link-local addresses.',
  },
  {
    name: 'OUTBOUND_ALLOWLIST',
    default: '(empty)',
    description: 'Comma-separated hosts/CIDRs exempt from the outbound guard.',
  },
  {
    name: 'PAYPAL_CERT_TEST_ORIGIN',
    default: '(unset)',
    description:
      'TEST ONLY: an origin accepted in place of PayPal’s certificate host; needs PAYPAL_CERT_TEST_ROOT; refused when NODE_ENV=production.',
  },
  {
    name: 'PAYPAL_CERT_TEST_ROOT',
    default: '(unset)',
    description:
      'TEST ONLY: PEM root trusted for PayPal certificates instead of the bundled roots.',
  },
  {
    name: 'WORKER_CONCURRENCY',
    default: '10',
    description:
      'Runs one worker process advances at once (embedded mode too; bench, 3-step flow, 2 busy cores: 10 → 75 runs/s, 50 → 82–89).',
  },
  {
    name: 'WORKER_ASYNC_COMMIT',
    default: 'false',
    description:
      'Worker processes (server mode) commit step progress without waiting for the WAL flush. Faster; a database crash can repeat a completed step.',
  },
  {
    name: 'DATABASE_POOL_SIZE',
    default: '10',
    description:
      'Database connections per process (server mode; embedded shares one session); 20 was no faster than 10.',
  },
  {
    name: 'EXECUTION_RETENTION_DAYS',
    default: '30',
    description: 'Executions older than this are pruned.',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    default: '10000',
    description: 'How long a stopping process lets running jobs finish.',
  },
  {
    name: 'EXPRESSION_TIMEOUT_MS',
    default: '1000',
    description:
      'How long the `{{ }}` expressions of one step may run; their thread is then stopped.',
  },
  {
    name: 'EXPRESSION_MEMORY_MB',
    default: '128',
    description: 'Heap limit of each expression worker thread.',
  },
  {
    name: 'EXPRESSION_WORKERS',
    default: '2',
    description: 'Worker threads per process that evaluate expressions (plain paths need none).',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description: 'Proxies whose X-Forwarded-For is believed: `false`, a hop count, or CIDRs.',
  },
  {
    name: 'SESSION_HOURS',
    default: '12',
    description: 'Log-in sessions end after this many idle hours (7 days at most in all).',
  },
  {
    name: 'STREAM_RECHECK_SECONDS',
    default: '30',
    description:
      'How often open live streams re-check membership and session; a stream that lost access ends.',
  },
  { name: 'LOG_LEVEL', default: 'info', description: '`error`, `warn`, `info` or `debug`.' },
  {
    name: 'HOOKS_MAX_BODY_BYTES',
    default: '10485760',
    description: 'Cap on any trigger URL body, whatever the trigger allows (413 past it).',
  },
  {
    name: 'HOOKS_BODY_TIMEOUT_MS',
    default: '10000',
    description: 'A trigger URL body not received in full within this time gets 408.',
  },
  ...integrationSettings.map((setting) => ({
    name: setting.env,
    default: setting.default,
    description: setting.description,
  })),
];

const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const urlSetting = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL` },
  );

const intSetting = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const envSchema = z.object({
  PORT: intSetting(0, 65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: urlSetting(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: urlSetting(['redis:', 'rediss:']).optional(),
  ROLE: z.enum(['all', 'api', 'worker'], { message: 'must be all, api or worker' }).default('all'),
  PUBLIC_URL: urlSetting(['http:', 'https:']).optional(),
  HOOKS_PUBLIC_URL: urlSetting(['http:', 'https:']).optional(),
  ENCRYPTION_KEY: z.string().optional(),
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  OUTBOUND_ALLOW_PRIVATE: booleanSetting.default(false),
  OUTBOUND_ALLOWLIST: z.string().default(''),
  PAYPAL_CERT_TEST_ORIGIN: urlSetting(['http:', 'https:']).optional(),
  PAYPAL_CERT_TEST_ROOT: z.string().optional(),
  WORKER_CONCURRENCY: intSetting(1, 1000).default(10),
  WORKER_ASYNC_COMMIT: booleanSetting.default(false),
  DATABASE_POOL_SIZE: intSetting(1, 1000).default(10),
  EXECUTION_RETENTION_DAYS: intSetting(1, 3650).default(30),
  SHUTDOWN_TIMEOUT_MS: intSetting(0, 600000).default(10000),
  EXPRESSION_TIMEOUT_MS: intSetting(10, 60000).default(1000),
  EXPRESSION_MEMORY_MB: intSetting(16, 4096).default(128),
  EXPRESSION_WORKERS: intSetting(1, 64).default(2),
  HOOKS_MAX_BODY_BYTES: intSetting(1, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  HOOKS_BODY_TIMEOUT_MS: intSetting(100, 600000).default(10000),
  TRUST_PROXY: z.string().default('false'),
  SESSION_HOURS: intSetting(1, 168).default(12),
  STREAM_RECHECK_SECONDS: intSetting(1, 3600).default(30),
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'debug'], { message: 'must be error, warn, info or debug' })
    .default('info'),
});

const integrationEnvSchema = z.object(
  Object.fromEntries(
    integrationSettings.map((setting) => [
      setting.env,
      urlSetting(['http:', 'https:']).default(setting.default),
    ]),
  ),
);

export type Role = 'all' | 'api' | 'worker';
export type QueueBackendKind = 'redis' | 'postgres';

export interface AppConfig {
  mode: 'embedded' | 'server';
  role: Role;
  runsApi: boolean;
  runsWorker: boolean;
  /** Trigger URLs: the global body cap and how long a body may take to arrive. */
  hooks: { maxBodyBytes: number; bodyTimeoutMs: number };
  /** `hooksUrl`: base of trigger URLs, `publicUrl` unless HOOKS_PUBLIC_URL is set. */
  http: {
    port: number;
    publicUrl: string;
    hooksUrl: string;
    trustProxy: TrustProxy;
    /** PUBLIC_URL is unset: the URLs name the port bound, which PORT=0 leaves to the system. */
    publicUrlFollowsPort: boolean;
  };
  database: { url?: string; dataDir: string; poolSize: number };
  queue: {
    backend: QueueBackendKind;
    redisUrl?: string;
    concurrency: number;
    /** Worker processes commit step progress asynchronously (see DatabaseTuning). */
    asyncCommit: boolean;
    shutdownTimeoutMs: number;
  };
  security: {
    encryptionKey: Buffer;
    jwtSecret: string;
    /** Idle lifetime of a log-in session (sliding); sessions end 7 days after log-in at most. */
    sessionHours: number;
    /** Open event streams re-check their viewer's access this often (see TeamStreamAccess). */
    streamRecheckSeconds: number;
  };
  outbound: { allowPrivate: boolean; allowlist: string[] };
  /** TEST ONLY (PAYPAL_CERT_TEST_*): where specs serve a locally made PayPal certificate. */
  paypalTestOverride?: { certOrigin: string; rootPem: string };
  executions: { retentionDays: number };
  expressions: { timeoutMs: number; memoryMb: number; workers: number };
  /** Each integration's settings by integration name, e.g. `integrations.slack.apiUrl`. */
  integrations: IntegrationSettings;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

/** A setting that stops the boot; `message` is the one line printed. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Invalid setting ${setting}: ${problem}`);
  }
}

const parseKey = (raw: string): Buffer | undefined => {
  const candidates = [
    /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : undefined,
    Buffer.from(raw, 'base64'),
  ];
  return candidates.find((key) => key?.length === 32);
};

/** Parses `present` with `schema`; the first problem stops the boot, naming its setting. */
function parseSettings<T>(schema: z.ZodType<T>, present: Record<string, unknown>): T {
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  return parsed.data;
}

/** Reads a generated secret from DATA_DIR, creating it on first boot (embedded mode only). */
const generatedSecret = (dataDir: string, file: string, make: () => string): string => {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = make();
  writeFileSync(path, value + '\n', { mode: 0o600 });
  return value;
};

/**
 * Parses the environment once. Embedded mode (no DATABASE_URL) generates the encryption key and
 * JWT secret into DATA_DIR; server mode requires them, since several processes must agree.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) =>
        (key in envSchema.shape || key in integrationEnvSchema.shape) &&
        value !== undefined &&
        value !== '',
    ),
  );
  const s = parseSettings(envSchema, present);
  const integrationEnv = parseSettings(integrationEnvSchema, present);
  const mode = s.DATABASE_URL ? 'server' : 'embedded';
  const dataDir = isAbsolute(s.DATA_DIR) ? s.DATA_DIR : resolve(s.DATA_DIR);

  let encryptionKeyText = s.ENCRYPTION_KEY;
  let jwtSecret = s.JWT_SECRET;
  if (mode === 'embedded') {
    mkdirSync(dataDir, { recursive: true });
    encryptionKeyText ??= generatedSecret(dataDir, 'encryption.key', () =>
      randomBytes(32).toString('base64'),
    );
    jwtSecret ??= generatedSecret(dataDir, 'jwt.secret', () =>
      randomBytes(48).toString('base64url'),
    );
  }
  if (!encryptionKeyText)
    throw new ConfigError(
      'ENCRYPTION_KEY',
      'is required when DATABASE_URL is set (32 bytes, base64 or hex)',
    );
  if (!jwtSecret)
    throw new ConfigError(
      'JWT_SECRET',
      'is required when DATABASE_URL is set (at least 32 characters)',
    );
  const encryptionKey = parseKey(encryptionKeyText);
  if (!encryptionKey)
    throw new ConfigError(
      'ENCRYPTION_KEY',
      'must be 32 bytes encoded as base64 or 64 hex characters',
    );

  const trustProxy = parseTrustProxy(s.TRUST_PROXY);
  if (typeof trustProxy === 'string') throw new ConfigError('TRUST_PROXY', trustProxy);

  const publicUrl = (s.PUBLIC_URL ?? `http://localhost:${s.PORT}`).replace(/\/+$/, '');
  return {
    mode,
    role: s.ROLE,
    runsApi: s.ROLE !== 'worker',
    runsWorker: s.ROLE !== 'api',
    http: {
      port: s.PORT,
      publicUrl,
      hooksUrl: s.HOOKS_PUBLIC_URL?.replace(/\/+$/, '') ?? publicUrl,
      trustProxy,
      publicUrlFollowsPort: s.PUBLIC_URL === undefined,
    },
    hooks: { maxBodyBytes: s.HOOKS_MAX_BODY_BYTES, bodyTimeoutMs: s.HOOKS_BODY_TIMEOUT_MS },
    database: { url: s.DATABASE_URL, dataDir, poolSize: s.DATABASE_POOL_SIZE },
    queue: {
      backend: s.REDIS_URL ? 'redis' : 'postgres',
      redisUrl: s.REDIS_URL,
      concurrency: s.WORKER_CONCURRENCY,
      asyncCommit: s.WORKER_ASYNC_COMMIT,
      shutdownTimeoutMs: s.SHUTDOWN_TIMEOUT_MS,
    },
    security: {
      encryptionKey,
      jwtSecret,
      sessionHours: s.SESSION_HOURS,
      streamRecheckSeconds: s.STREAM_RECHECK_SECONDS,
    },
    outbound: {
      allowPrivate: s.OUTBOUND_ALLOW_PRIVATE,
      allowlist: s.OUTBOUND_ALLOWLIST.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    },
    paypalTestOverride: paypalTestOverride(
      s.PAYPAL_CERT_TEST_ORIGIN,
      s.PAYPAL_CERT_TEST_ROOT,
      env.NODE_ENV,
    ),
    executions: { retentionDays: s.EXECUTION_RETENTION_DAYS },
    expressions: {
      timeoutMs: s.EXPRESSION_TIMEOUT_MS,
      memoryMb: s.EXPRESSION_MEMORY_MB,
      workers: s.EXPRESSION_WORKERS,
    },
    integrations: integrationSettingValues(integrationImplementations, (setting) =>
      String(integrationEnv[setting.env]).replace(/\/+$/, ''),
    ),
    logLevel: s.LOG_LEVEL,
  };
}

/** The test-only PayPal certificate override: both settings or neither, never in production. */
function paypalTestOverride(
  certOrigin: string | undefined,
  rootPem: string | undefined,
  nodeEnv: string | undefined,
): AppConfig['paypalTestOverride'] {
  if (certOrigin === undefined && rootPem === undefined) return undefined;
  if (nodeEnv === 'production') {
    throw new ConfigError('PAYPAL_CERT_TEST_ORIGIN', 'is for tests only and refused in production');
  }
  if (!certOrigin || !rootPem) {
    throw new ConfigError(
      certOrigin ? 'PAYPAL_CERT_TEST_ROOT' : 'PAYPAL_CERT_TEST_ORIGIN',
      'must be set together with the other PAYPAL_CERT_TEST_ setting',
    );
  }
  return { certOrigin, rootPem };
}
