import type { PGlite } from '@electric-sql/pglite';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

// Part of the socket's file name only; nothing listens on this TCP port.
const SOCKET_PORT = 5432;
const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
// Messages after which a client waits for the server: where a unit of work ends.
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const PARSE = 0x50; // 'P'
const PARSE_COMPLETE = Buffer.from([0x31, 0, 0, 0, 4]); // '1', length 4
// A simple query that drops prepared statements (ours or everyone's) in the shared session.
// Anchored at the start: a query that only mentions the words must not make us forget names the
// session still holds (their next Parse would then fail as a duplicate).
const DROPS_PREPARED = /^\s*(DEALLOCATE|DISCARD)\b/i;

/**
 * A Postgres wire-protocol front for PGlite's single session, so ordinary `pg` clients (TypeORM,
 * BullMQ's Postgres backend) can share it. Each client's messages are run as whole units —
 * everything up to a Sync or a simple Query — and a client inside a transaction keeps the
 * session until it ends. (@electric-sql/pglite-socket runs messages one by one, which lets one
 * client's Bind land on another's Parse under concurrency.)
 *
 * Named prepared statements are shared: every client's connection prepares its own as it first
 * uses a name, but here they all land in one session, where a second Parse of a name would fail.
 * A Parse of a name this session already holds with the same text is answered here instead (the
 * statement is the same), so hot-path statements are parsed and planned once, not per query.
 */
export class PGliteWireServer {
  private server?: Server;
  /** The client whose transaction is open, if any; others wait for it. */
  private owner?: Socket;
  private turn: Promise<void> = Promise.resolve();
  private readonly sockets = new Set<Socket>();
  /** Text of each named statement the session holds. */
  private readonly prepared = new Map<string, string>();

  constructor(private readonly db: PGlite) {}

  /**
   * Listens on a Unix socket in `socketDir` (PGlite has no authentication of its own): only this
   * OS user can connect, where a loopback port would let every local process in. The socket is
   * named as Postgres names its own, so `pg` finds it from `host=<dir>`.
   */
  async listen(socketDir: string): Promise<string> {
    const path = join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
    rmSync(path, { force: true });
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(path, resolve);
    });
    chmodSync(path, 0o600);
    return `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`;
  }

  async close(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await this.turn;
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let started = false;
    let pending: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          // Startup-phase messages have no type byte: length, then a code.
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST) socket.write('N');
          else if (code !== CANCEL_REQUEST) {
            started = true;
            this.run(socket, message);
          }
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1) + 1;
        if (buffer.length < length) return;
        const type = buffer[0];
        pending.push(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        if (type === TERMINATE) {
          pending = [];
          socket.end();
          return;
        }
        if (type === SYNC || type === QUERY) {
          this.run(socket, Buffer.concat(pending));
          pending = [];
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.owner !== socket) return;
      // A client that vanished mid-transaction must not leave the session stuck inside it.
      this.owner = undefined;
      this.turn = this.turn.then(() =>
        this.db.exec('ROLLBACK').then(
          () => undefined,
          () => undefined,
        ),
      );
    });
  }

  /** Runs one unit of work in order, waiting while another client's transaction is open. */
  private run(socket: Socket, message: Buffer): void {
    const work = async () => {
      for (;;) {
        // Whose turn it is is decided inside the session lock, so nothing slips into another
        // client's transaction between its BEGIN and COMMIT.
        const response = await this.db.runExclusive(async () => {
          if (this.owner && this.owner !== socket && !this.owner.destroyed) return undefined;
          const answer = await this.execute(message);
          const status = transactionStatus(answer);
          if (status !== undefined) this.owner = status === 'I' ? undefined : socket;
          return answer;
        });
        if (response) {
          if (!socket.destroyed) socket.write(response);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    // Each client's units run in the order it sent them.
    const next = (this.chains.get(socket) ?? Promise.resolve())
      .then(work)
      .catch(() => void socket.destroy());
    this.chains.set(socket, next);
    this.turn = this.turn.then(() => next);
  }

  private readonly chains = new WeakMap<Socket, Promise<void>>();

  /** Runs a unit of work in the session, sharing named statements (see the class comment). */
  private async execute(unit: Buffer): Promise<Uint8Array> {
    if (unit[0] === QUERY && DROPS_PREPARED.test(unit.toString('utf8', 5))) this.prepared.clear();
    const parse = unit[0] === PARSE ? parsedStatement(unit) : undefined;
    if (!parse?.name) return this.db.execProtocolRaw(unit);
    if (this.prepared.get(parse.name) === parse.text) {
      const answer = await this.db.execProtocolRaw(unit.subarray(parse.length));
      return Buffer.concat([PARSE_COMPLETE, answer]);
    }
    const answer = await this.db.execProtocolRaw(unit);
    if (answer[0] === PARSE_COMPLETE[0]) this.prepared.set(parse.name, parse.text);
    return answer;
  }
}

/** Name, query text and length of the Parse message a unit starts with. */
function parsedStatement(unit: Buffer): { name: string; text: string; length: number } {
  const length = unit.readInt32BE(1) + 1;
  const nameEnd = unit.indexOf(0, 5);
  return {
    name: unit.toString('utf8', 5, nameEnd),
    // The parameter types that follow the text are part of the statement too.
    text: unit.toString('latin1', nameEnd + 1, length),
    length,
  };
}

/** The transaction status of the last ReadyForQuery in a response: 'I', 'T' or 'E'. */
function transactionStatus(response: Uint8Array): string | undefined {
  const at = response.length - 6;
  return at >= 0 && response[at] === READY_FOR_QUERY
    ? String.fromCharCode(response[response.length - 1])
    : undefined;
}
