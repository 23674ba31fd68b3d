// Applies the committed prisma/migrations/*/migration.sql files in name order and records them
// in Prisma's own `_prisma_migrations` table, so no schema engine is needed at run time and a
// database stays compatible with `prisma migrate deploy`.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type Migration = { name: string; sql: string; checksum: string };

export type MigrationOptions = {
  log?: (message: string) => void;
  // Defaults to prisma/migrations under process.cwd() (the repo root in every entry point).
  migrationsDir?: string;
  // How long to wait for another instance that is migrating the same database.
  lockTimeoutMs?: number;
};

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

// Same key as Prisma's schema engine, so we also exclude a concurrent `prisma migrate deploy`.
const ADVISORY_LOCK_KEY = 72707369;
const LOCK_POLL_MS = 250;

const CREATE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export async function readMigrations(migrationsDir = defaultMigrationsDir()): Promise<Migration[]> {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError(`Migrations folder not found: ${migrationsDir}`);
  }
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const migrations: Migration[] = [];
  for (const name of names.sort()) {
    const file = path.join(migrationsDir, name, "migration.sql");
    if (!existsSync(file)) continue;
    const bytes = await readFile(file);
    // Prisma's checksum: sha256 of the file's bytes, hex.
    const checksum = createHash("sha256").update(bytes).digest("hex");
    migrations.push({ name, sql: bytes.toString("utf8"), checksum });
  }
  return migrations;
}

async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A server going away mid-migration must reject the query, not crash the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function hasMigrationsTable(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  return result.rows[0]?.exists === true;
}

async function readApplied(client: pg.Client): Promise<AppliedRow[]> {
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

// Applied = finished and not rolled back. Throws on edited or half-applied migrations.
function findPending(
  local: Migration[],
  applied: AppliedRow[],
  log: (message: string) => void,
): Migration[] {
  const live = applied.filter((row) => row.rolled_back_at === null);
  for (const row of live) {
    const migration = local.find((m) => m.name === row.migration_name);
    if (!migration) {
      log(`Warning: migration ${row.migration_name} is applied but missing from this build.`);
      continue;
    }
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} was started but never finished (failed earlier, ` +
          `possibly outside Pult). Fix the database by hand, then mark it rolled back.`,
      );
    }
    if (row.checksum !== migration.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was modified after it was applied (checksum ` +
          `${row.checksum.slice(0, 12)}… in the database, ${migration.checksum.slice(0, 12)}… ` +
          `on disk). Restore the original file and add a new migration instead.`,
      );
    }
  }
  const done = new Set(live.map((row) => row.migration_name));
  return local.filter((m) => !done.has(m.name));
}

async function takeAdvisoryLock(
  client: pg.Client,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let hasLogged = false;
  for (;;) {
    const result = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [ADVISORY_LOCK_KEY],
    );
    if (result.rows[0]?.locked === true) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `Timed out after ${timeoutMs} ms waiting for another instance to finish migrating.`,
      );
    }
    if (!hasLogged) log("Waiting for another instance to finish migrating…");
    hasLogged = true;
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<boolean> {
  await client.query("BEGIN");
  try {
    // Re-check inside the transaction: on the embedded database every connection shares one
    // session, so the advisory lock does not exclude a second caller there.
    const done = await client.query(
      `SELECT 1 FROM "_prisma_migrations"
        WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (done.rowCount !== 0) {
      await client.query("ROLLBACK");
      return false;
    }
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
       VALUES ($1, $2, $3, now())`,
      [id, migration.checksum, migration.name],
    );
    // Simple-query protocol: the whole file runs as one multi-statement script.
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, {
      cause: error,
    });
  }
}

// Serialises callers inside one process (tests, or a CLI and a server sharing a module).
let queue: Promise<unknown> = Promise.resolve();

export function applyMigrations(
  databaseUrl: string,
  opts: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  const run = queue.then(() => applyMigrationsNow(databaseUrl, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function applyMigrationsNow(databaseUrl: string, opts: MigrationOptions) {
  const log = opts.log ?? (() => undefined);
  const local = await readMigrations(opts.migrationsDir);
  return withClient(databaseUrl, async (client) => {
    await takeAdvisoryLock(client, opts.lockTimeoutMs ?? 60_000, log);
    try {
      await client.query(CREATE_TABLE_SQL);
      const pending = findPending(local, await readApplied(client), log);
      const applied: string[] = [];
      for (const migration of pending) {
        const startedAt = Date.now();
        if (!(await applyOne(client, migration))) continue;
        applied.push(migration.name);
        log(`Applied migration ${migration.name} (${Date.now() - startedAt} ms)`);
      }
      return { applied };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => null);
    }
  });
}

export async function getPendingMigrations(
  databaseUrl: string,
  opts: Pick<MigrationOptions, "migrationsDir"> = {},
): Promise<string[]> {
  const local = await readMigrations(opts.migrationsDir);
  return withClient(databaseUrl, async (client) => {
    if (!(await hasMigrationsTable(client))) return local.map((m) => m.name);
    const done = new Set(
      (await readApplied(client))
        .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
        .map((row) => row.migration_name),
    );
    return local.filter((m) => !done.has(m.name)).map((m) => m.name);
  });
}
