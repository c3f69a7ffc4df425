import { PGlite } from '@electric-sql/pglite';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedMaintenance } from './embedded-maintenance.js';
import { PGliteWireServer } from './pglite-wire-server.js';

/**
 * Embedded mode's database: PGlite (Postgres in WASM) stored under DATA_DIR, exposed on a
 * Unix socket only this OS user can open (DATA_DIR/run, 0700) so TypeORM and BullMQ's Postgres backend both use the ordinary `pg` driver —
 * one code path for both run modes. The wire server runs each transaction exclusively, which
 * an in-process driver sharing PGlite's single session would not.
 */
export class EmbeddedPostgres {
  private readonly maintenance: EmbeddedMaintenance;

  private constructor(
    readonly url: string,
    private readonly db: PGlite,
    private readonly server: PGliteWireServer,
    private readonly lockPath: string,
    private readonly socketDir: string,
  ) {
    this.maintenance = new EmbeddedMaintenance(url);
  }

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    mkdirSync(dataDir, { recursive: true });
    const lockPath = acquireLock(dataDir);
    try {
      const db = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
      // BullMQ pins its search_path with a startup option the wire server ignores, and every
      // socket client shares this one session: set it once here. Our tables live in their own
      // schema, so BullMQ's names (job, queue, …) cannot shadow them.
      await db.exec('SET search_path TO bullmq, public');
      const server = new PGliteWireServer(db);
      const dir = socketDir(dataDir);
      const embedded = new EmbeddedPostgres(await server.listen(dir), db, server, lockPath, dir);
      await embedded.maintenance.start();
      return embedded;
    } catch (error) {
      rmSync(lockPath, { force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.maintenance.stop();
    await this.server.close();
    await this.db.close();
    rmSync(this.lockPath, { force: true });
    if (this.socketDir.startsWith(tmpdir()))
      rmSync(this.socketDir, { recursive: true, force: true });
  }
}

// Unix socket paths are limited to 108 bytes on Linux (104 on macOS), the name included.
const MAX_SOCKET_DIR = 90;

/** A directory only this user may enter: DATA_DIR/run, or a private temporary one if too long. */
function socketDir(dataDir: string): string {
  const preferred = join(dataDir, 'run');
  const dir =
    Buffer.byteLength(preferred) <= MAX_SOCKET_DIR
      ? preferred
      : mkdtempSync(join(tmpdir(), 'hookflow-db-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** PGlite's files belong to one process; a second one on the same DATA_DIR would corrupt them. */
function acquireLock(dataDir: string): string {
  const lockPath = join(dataDir, 'hookflow.pid');
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `DATA_DIR ${dataDir} is in use by process ${pid}; stop it or choose another DATA_DIR`,
      );
    }
    rmSync(lockPath, { force: true });
  }
  const fd = openSync(lockPath, 'wx');
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return lockPath;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
