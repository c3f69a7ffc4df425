import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedMaintenance } from './embedded-maintenance.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

describe(EmbeddedMaintenance.name, () => {
  let dataDir: string;
  let db: EmbeddedPostgres;
  let client: pg.Client;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookflow-maintenance-'));
    db = await EmbeddedPostgres.start(dataDir);
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const plannedRows = async () =>
    Number(
      (await client.query(`SELECT reltuples FROM pg_class WHERE relname = 'maintained'`)).rows[0]
        .reltuples,
    );

  it('vacuums and analyzes once the database has grown by a tenth, and not before', async () => {
    await client.query('CREATE SCHEMA IF NOT EXISTS hookflow');
    await client.query('CREATE TABLE hookflow.maintained (id int PRIMARY KEY, body text)');
    const maintenance = new EmbeddedMaintenance(db.url);
    // The database as it is at the start counts as maintained.
    await maintenance.start();
    await maintenance.stop();
    expect(await maintenance.maintain()).toBe(false);

    await client.query(
      `INSERT INTO hookflow.maintained SELECT i, repeat('x', 400) FROM generate_series(1, 20000) i`,
    );
    // Never analyzed since the rows arrived: the planner does not know them.
    expect(await plannedRows()).toBeLessThan(20000);
    expect(await maintenance.maintain()).toBe(true);
    expect(await plannedRows()).toBe(20000);
    expect(await maintenance.maintain()).toBe(false);
  });
});
