// A fresh, migrated database per integration test file. PULT_TEST_DB=embedded runs the suite on
// PGlite (the zero-setup store); otherwise each file gets its own database on TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../db/embedded";
import { applyMigrations } from "../db/migrations";

export type TestDatabase = { url: string; drop(): Promise<void> };

const DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function isEmbeddedTestMode(): boolean {
  return process.env.PULT_TEST_DB === "embedded";
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createEmbedded(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-test-"));
  try {
    const db = await startEmbeddedDatabase({ dataDir });
    return {
      url: db.url,
      drop: async () => {
        await db.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function createOnServer(): Promise<TestDatabase> {
  const name = `pult_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

// `migrate: false` gives an empty database (for testing the migrations themselves).
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const db = isEmbeddedTestMode() ? await createEmbedded() : await createOnServer();
  if (opts.migrate === false) return db;
  try {
    await applyMigrations(db.url);
    return db;
  } catch (error) {
    await db.drop();
    throw error;
  }
}
