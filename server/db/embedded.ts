// Zero-setup database: PGlite (PostgreSQL compiled to wasm) stored in DATA_DIR/pgdata and served
// on a Unix socket, so Prisma, pg and migrations connect exactly as to a PostgreSQL server.
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { fixPgliteSocketQueue } from "@/server/db/pglite-queue-fix";
import { acquireDataDirLock } from "@/server/db/data-dir-lock";

export type EmbeddedDatabase = { url: string; dataDir: string; close(): Promise<void> };

export type EmbeddedDatabaseOptions = {
  dataDir: string;
  log?: (message: string) => void;
  // pglite-socket defaults to 1 and resets the extra connections of a pool; every pool in the
  // process (Prisma, jobs, migrations) shares this budget. Queries run one at a time anyway.
  maxConnections?: number;
};

// libpq's (and pg's) name for a server's socket in its folder, for the default port.
const SOCKET_NAME = ".s.PGSQL.5432";
// sun_path holds 108 bytes on Linux and 104 on macOS.
const MAX_SOCKET_PATH = 100;

/**
 * PGlite has no authentication: whoever can connect is the superuser. So it listens on a Unix
 * socket in a folder only this user may enter (0700), never on a TCP port that any local user
 * or process could reach. The folder is DATA_DIR/run, or a private temporary one when that path
 * is too long for a socket. The data folder lock makes a socket left by a killed server ours to
 * remove.
 */
async function prepareSocketDir(dataDir: string): Promise<{ dir: string; isTemporary: boolean }> {
  const preferred = path.join(dataDir, "run");
  if (path.join(preferred, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    await mkdir(preferred, { recursive: true, mode: 0o700 });
    await chmod(preferred, 0o700);
    await rm(path.join(preferred, SOCKET_NAME), { force: true });
    return { dir: preferred, isTemporary: false };
  }
  // mkdtemp creates the folder with mode 0700.
  return { dir: await mkdtemp(path.join(os.tmpdir(), "pult-db-")), isTemporary: true };
}

export async function startEmbeddedDatabase(
  opts: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const lock = await acquireDataDirLock(dataDir, { log });
  const pgdata = path.join(dataDir, "pgdata");
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let socket: { dir: string; isTemporary: boolean } | undefined;
  const removeTemporary = async () => {
    if (socket?.isTemporary) await rm(socket.dir, { recursive: true, force: true });
  };
  try {
    if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
      log(`Initialising embedded database in ${pgdata}…`);
    }
    socket = await prepareSocketDir(dataDir);
    db = await PGlite.create({ dataDir: pgdata });
    server = new PGLiteSocketServer({
      db,
      path: path.join(socket.dir, SOCKET_NAME),
      maxConnections: opts.maxConnections ?? 64,
    });
    fixPgliteSocketQueue(server);
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await removeTemporary().catch(() => undefined);
    await lock.release();
    throw error;
  }

  // pg reads a folder in `host` as "connect to the Unix socket .s.PGSQL.<port> in it".
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socket.dir)}`;
  const openDb = db;
  const openServer = server;
  let closing: Promise<void> | undefined;
  return {
    url,
    dataDir,
    // Close the app's pools first: open client connections are cut here.
    close() {
      closing ??= (async () => {
        try {
          await openServer.stop();
          await openDb.close();
          await removeTemporary();
        } finally {
          await lock.release();
        }
      })();
      return closing;
    },
  };
}
