// The process-wide Prisma client. It lives on globalThis because Next loads server modules twice
// (once for the custom server, once inside route handlers) and both must share one pool.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient } from "./generated/prisma/client";
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
} from "./generated/prisma/client";

type DbState = { client: PrismaClient; url: string };

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
  const adapter = new PrismaPg({
    connectionString: url,
    max: opts.poolMax ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: 10_000,
  });
  const client = new PrismaClient({ adapter });
  globalThis.__pultDb = { client, url };
  return client;
}

export function getDb(): PrismaClient {
  const current = globalThis.__pultDb;
  if (!current) {
    throw new Error("The database is not initialised: call initDatabase() at start-up.");
  }
  return current.client;
}

export async function closeDatabase(): Promise<void> {
  const current = globalThis.__pultDb;
  if (!current) return;
  globalThis.__pultDb = undefined;
  await current.client.$disconnect();
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
