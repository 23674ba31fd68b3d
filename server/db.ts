// The process-wide Prisma client. It lives on globalThis because Next loads server modules twice
// (once for the custom server, once inside route handlers) and both must share one pool.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/generated/prisma/client";
import { log } from "@/server/logger";

export type { PrismaClient } from "@/server/generated/prisma/client";
export {
  Prisma,
  Role,
  UserStatus,
  Presence,
  IntegrationStatus,
  Distribution,
  TerminalKind,
  NumberKind,
  CallDirection,
  CallState,
  CallResult,
  RoutingOutcome,
  RecordingStatus,
  TaskKind,
  TaskStatus,
  JobStatus,
} from "@/server/generated/prisma/client";

// The pg pool is shared: Prisma runs on it, and the notification hot path sends plain SQL
// through it (server/db/sql.ts), where Prisma's per-query cost would cap throughput.
type DbState = { client: PrismaClient; pool: pg.Pool; url: string };

declare global {
  var __pultDb: DbState | undefined;
}

const DEFAULT_POOL_MAX = 10;
const PING_TIMEOUT_MS = 2_000;

export function initDatabase(url: string, opts: { poolMax?: number } = {}): PrismaClient {
  const current = globalThis.__pultDb;
  if (current) {
    if (current.url === url) return current.client;
    throw new Error("The database is already initialised with another URL; close it first.");
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolMax ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that dies (a database restart) must not crash the process: the next
  // query gets a fresh connection or a clear error.
  pool.on("error", (error) => log.warn("idle database connection failed", { error }));
  // A connection that is checked out (a transaction between statements, a query just answered)
  // has no pool listener: when the server goes away, pg emits "error" on it and, unheard, that
  // is an uncaught exception. The statement in progress already failed with the same error.
  pool.on("connect", (connection) =>
    connection.on("error", (error) => log.warn("database connection lost", { error })),
  );
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  globalThis.__pultDb = { client, pool, url };
  return client;
}

export function getDb(): PrismaClient {
  const current = globalThis.__pultDb;
  if (!current) {
    throw new Error("The database is not initialised: call initDatabase() at start-up.");
  }
  return current.client;
}

/** The pool under Prisma, for plain SQL on the hot path (see server/db/sql.ts). */
export function getPool(): pg.Pool {
  const current = globalThis.__pultDb;
  if (!current) {
    throw new Error("The database is not initialised: call initDatabase() at start-up.");
  }
  return current.pool;
}

export async function closeDatabase(): Promise<void> {
  const current = globalThis.__pultDb;
  if (!current) return;
  globalThis.__pultDb = undefined;
  await current.client.$disconnect();
  await current.pool.end();
}

// For health checks: false when not initialised, unreachable or slower than the timeout.
export async function pingDatabase(timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  const current = globalThis.__pultDb;
  if (!current) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = current.client.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
