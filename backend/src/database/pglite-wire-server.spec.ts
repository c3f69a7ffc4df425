import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedPostgres } from './embedded-postgres.js';

// Every connection of a pool prepares a named statement the first time it uses it; on PGlite's
// single session those Parses meet, and the wire server must keep them from colliding.
describe('PGliteWireServer named statements', () => {
  let dataDir: string;
  let db: EmbeddedPostgres;
  let clients: pg.Client[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookflow-wire-'));
    db = await EmbeddedPostgres.start(dataDir);
  });

  beforeEach(async () => {
    clients = [new pg.Client(db.url), new pg.Client(db.url)];
    await Promise.all(clients.map((client) => client.connect()));
  });

  afterEach(() => Promise.all(clients.map((client) => client.end())));

  afterAll(async () => {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const doubled = (
    client: pg.Client,
    name: string,
    value: number,
    text = 'SELECT $1::int * 2 AS n',
  ) => client.query<{ n: number }>({ name, text, values: [value] }).then(({ rows }) => rows[0].n);

  it('lets every connection prepare the same statement under the same name', async () => {
    const [first, second] = clients;

    expect(await doubled(first, 'twice', 1)).toBe(2);
    expect(await doubled(second, 'twice', 2)).toBe(4);
    expect(await Promise.all([doubled(first, 'twice', 3), doubled(second, 'twice', 4)])).toEqual([
      6, 8,
    ]);
  });

  it('refuses another text under a name in use, as Postgres would', async () => {
    const [first, second] = clients;
    await doubled(first, 'clash', 1);

    await expect(doubled(second, 'clash', 1, 'SELECT $1::int * 3 AS n')).rejects.toThrow(
      /prepared statement "clash" already exists/,
    );
    expect(await doubled(first, 'clash', 5)).toBe(10);
  });

  it('keeps the names when a query only mentions dropping them', async () => {
    const [first, second] = clients;
    await doubled(first, 'kept', 1);
    await second.query("SELECT 'DISCARD ALL' AS words");

    expect(await doubled(second, 'kept', 4)).toBe(8);
  });

  it('prepares again after a connection drops every statement', async () => {
    const [first, second] = clients;
    await doubled(first, 'again', 1);
    await second.query('DEALLOCATE ALL');

    // A fresh connection's first use sends a Parse, which must reach the session again.
    const third = new pg.Client(db.url);
    await third.connect();
    try {
      expect(await doubled(third, 'again', 7)).toBe(14);
    } finally {
      await third.end();
    }
  });
});
