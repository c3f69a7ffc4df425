import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../database/embedded-postgres.js';
import { createScratchDatabase } from './scratch-database.js';

/**
 * The run modes a suite is repeated over: embedded always; server Postgres and Redis when
 * DATABASE_URL / REDIS_URL are set (CI sets both, and an unreachable service fails the suite).
 */
export interface TestEnvironment {
  name: 'embedded' | 'postgres' | 'redis';
  /** A database (and queue) for tests that drive BullMQ or SQL directly. */
  start(): Promise<StartedEnvironment>;
  /** Settings for a Hookflow process of this mode, with a fresh database of its own. */
  appSettings(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

export interface StartedEnvironment {
  databaseUrl: string;
  queue: { kind: 'redis'; url: string } | { kind: 'postgres'; url: string };
  /** Settings for a child Hookflow process in this mode. */
  processEnv: Record<string, string>;
  stop(): Promise<void>;
}

const serverSecrets = {
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  JWT_SECRET: 'test-jwt-secret-that-is-long-enough-for-hs256',
};

export function testEnvironments(): TestEnvironment[] {
  const environments: TestEnvironment[] = [
    {
      name: 'embedded',
      async start() {
        const dataDir = mkdtempSync(join(tmpdir(), 'hookflow-test-'));
        const db = await EmbeddedPostgres.start(dataDir);
        return {
          databaseUrl: db.url,
          queue: { kind: 'postgres', url: db.url },
          processEnv: { DATA_DIR: dataDir },
          async stop() {
            await db.stop();
            rmSync(dataDir, { recursive: true, force: true });
          },
        };
      },
      async appSettings() {
        // The Hookflow process starts its own PGlite in this folder.
        const dataDir = mkdtempSync(join(tmpdir(), 'hookflow-app-'));
        return {
          env: { DATA_DIR: dataDir },
          cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
        };
      },
    },
  ];
  const { DATABASE_URL, REDIS_URL } = process.env;
  if (DATABASE_URL) {
    environments.push({
      name: 'postgres',
      async start() {
        const scratch = await createScratchDatabase(DATABASE_URL);
        return {
          databaseUrl: scratch.url,
          queue: { kind: 'postgres', url: scratch.url },
          processEnv: { DATABASE_URL: scratch.url, ...serverSecrets },
          stop: () => scratch.drop(),
        };
      },
      appSettings: () => serverAppSettings(DATABASE_URL),
    });
    if (REDIS_URL) {
      environments.push({
        name: 'redis',
        async start() {
          const scratch = await createScratchDatabase(DATABASE_URL);
          return {
            databaseUrl: scratch.url,
            queue: { kind: 'redis', url: REDIS_URL },
            processEnv: { DATABASE_URL: scratch.url, REDIS_URL, ...serverSecrets },
            stop: () => scratch.drop(),
          };
        },
        appSettings: () => serverAppSettings(DATABASE_URL, REDIS_URL),
      });
    }
  } else if (process.env.CI === 'true') {
    throw new Error('CI=true but DATABASE_URL is not set: the server-mode suites would not run');
  }
  if (process.env.CI === 'true' && !REDIS_URL) {
    throw new Error('CI=true but REDIS_URL is not set: the Redis suites would not run');
  }
  return environments;
}

async function serverAppSettings(databaseUrl: string, redisUrl?: string) {
  const scratch = await createScratchDatabase(databaseUrl);
  const env: Record<string, string> = { DATABASE_URL: scratch.url, ...serverSecrets };
  if (redisUrl) env.REDIS_URL = redisUrl;
  return { env, cleanup: () => scratch.drop() };
}
