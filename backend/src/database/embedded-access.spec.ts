import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from './embedded-postgres.js';

const NOBODY = 65534;

/** Where `pg` connects for this URL: a `host` query parameter wins over the URL's host. */
function where(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.searchParams.get('host') ?? parsed.hostname,
    port: parsed.port || '5432',
  };
}

/**
 * Tries to open the database's listener from a process of another OS user (`nobody`): the
 * connection string says where (a Unix socket directory, or a TCP host and port).
 */
function connectAsOtherUser(url: string): string {
  const { host, port } = where(url);
  const target = host.startsWith('/')
    ? { path: join(host, `.s.PGSQL.${port}`) }
    : { host, port: Number(port) };
  const script = `const s = require('node:net').connect(${JSON.stringify(target)});
    s.on('connect', () => { console.log('connected'); s.destroy(); });
    s.on('error', (e) => console.log(e.code));`;
  return execFileSync(process.execPath, ['-e', script], { uid: NOBODY, gid: NOBODY })
    .toString()
    .trim();
}

describe('embedded database access', () => {
  let dataDir: string;
  let db: EmbeddedPostgres;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookflow-access-'));
    // A DATA_DIR others may read (e.g. /var/lib/hookflow 0755): the socket must still refuse them.
    chmodSync(dataDir, 0o755);
    db = await EmbeddedPostgres.start(dataDir);
  });

  afterAll(async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on a Unix socket in DATA_DIR that only this user can open', () => {
    const { host, port } = where(db.url);
    expect(host).toBe(join(dataDir, 'run'));
    expect(statSync(host).mode & 0o777).toBe(0o700);
    expect(statSync(join(host, `.s.PGSQL.${port}`)).mode & 0o777).toBe(0o600);
  });

  it('refuses a process of another local user', () => {
    if (process.getuid?.() !== 0) throw new Error('this test switches users and must run as root');
    expect(connectAsOtherUser(db.url)).toBe('EACCES');
  });

  it('serves this process over the socket', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});
