// Zero-setup database: PGlite (PostgreSQL compiled to wasm) stored in DATA_DIR/pgdata and served
// on loopback TCP, so Prisma, pg and migrations connect exactly as to a PostgreSQL server.
import { existsSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { fixPgliteSocketQueue } from "./pglite-queue-fix";
import { acquireDataDirLock } from "./data-dir-lock";

export type EmbeddedDatabase = { url: string; dataDir: string; close(): Promise<void> };

export type EmbeddedDatabaseOptions = {
  dataDir: string;
  log?: (message: string) => void;
  // 0 (default) picks a free port.
  port?: number;
  // pglite-socket defaults to 1 and resets the extra connections of a pool; every pool in the
  // process (Prisma, jobs, migrations) shares this budget. Queries run one at a time anyway.
  maxConnections?: number;
};

const HOST = "127.0.0.1";

function portOf(serverConn: string): number {
  const port = Number(serverConn.slice(serverConn.lastIndexOf(":") + 1));
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`Unexpected embedded database address: ${serverConn}`);
  }
  return port;
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
  try {
    if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
      log(`Initialising embedded database in ${pgdata}…`);
    }
    db = await PGlite.create({ dataDir: pgdata });
    server = new PGLiteSocketServer({
      db,
      host: HOST,
      port: opts.port ?? 0,
      maxConnections: opts.maxConnections ?? 64,
    });
    fixPgliteSocketQueue(server);
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }

  const url = `postgresql://postgres@${HOST}:${portOf(server.getServerConn())}/postgres`;
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
        } finally {
          await lock.release();
        }
      })();
      return closing;
    },
  };
}
