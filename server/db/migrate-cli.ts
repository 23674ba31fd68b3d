// `npm run db:migrate`: applies pending migrations to DATABASE_URL or, without it, to the
// embedded database in DATA_DIR (default ./.pult). Reads the environment directly so that it
// runs before the rest of the configuration exists.
import { DataDirLockedError } from "@/server/db/data-dir-lock";
import { startEmbeddedDatabase } from "@/server/db/embedded";
import { applyMigrations, MigrationError } from "@/server/db/migrations";

function describeTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

function errorField(error: unknown, field: "code" | "address" | "port"): unknown {
  return error instanceof Error && field in error ? Reflect.get(error, field) : undefined;
}

// Turns driver errors into one line a person can act on (never prints the password).
export function describeDatabaseError(error: unknown, target: string): string {
  if (error instanceof DataDirLockedError || error instanceof MigrationError) return error.message;
  const code = errorField(error, "code");
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot connect to PostgreSQL at ${target}: connection refused. Is the server running on that host and port?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot connect to PostgreSQL at ${target}: host not found.`;
    case "ETIMEDOUT":
      return `Cannot connect to PostgreSQL at ${target}: connection timed out.`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${target} rejected the credentials in DATABASE_URL: ${message}`;
    case "3D000":
      return `The database at ${target} does not exist: ${message}`;
    default:
      return `Migration failed (${target}): ${message}`;
  }
}

async function migrate(databaseUrl: string, target: string): Promise<void> {
  const log = (message: string) => console.log(message);
  const { applied } = await applyMigrations(databaseUrl, { log });
  if (applied.length === 0) {
    console.log(`Database is up to date (${target}).`);
    return;
  }
  console.log(`Applied ${applied.length} migration(s) to ${target}.`);
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const target = describeTarget(databaseUrl);
    try {
      await migrate(databaseUrl, target);
      return 0;
    } catch (error) {
      console.error(describeDatabaseError(error, target));
      return 1;
    }
  }
  const dataDir = process.env.DATA_DIR || "./.pult";
  const target = `the embedded database in ${dataDir}`;
  try {
    const db = await startEmbeddedDatabase({ dataDir, log: (message) => console.log(message) });
    try {
      await migrate(db.url, target);
    } finally {
      await db.close();
    }
    return 0;
  } catch (error) {
    console.error(describeDatabaseError(error, target));
    return 1;
  }
}

process.exitCode = await main();
