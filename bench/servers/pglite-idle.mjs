// PGlite's own idle floor: the same database engine embedded mode runs, opened on a temp folder,
// one write and one read, then nothing. Prints READY once it is idle.
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create({ dataDir: process.env.DATA_DIR });
await db.exec('CREATE TABLE IF NOT EXISTS idle_probe (id int PRIMARY KEY, at timestamptz)');
await db.query(
  'INSERT INTO idle_probe VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = now()',
);
await db.query('SELECT * FROM idle_probe');
process.stdout.write('READY\n');
process.on('SIGTERM', async () => {
  await db.close();
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
