// A fresh, migrated database per integration test file. PULT_TEST_DB=embedded runs the suite on
// PGlite (the zero-setup store); otherwise each file gets its own database on TEST_DATABASE_URL.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import { startEmbeddedDatabase } from "@/server/db/embedded";
import { applyMigrations, readMigrations } from "@/server/db/migrations";

// The data folder's format belongs to the PGlite build, so the template is per version too.
const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, "../../node_modules/@electric-sql/pglite/package.json"),
      "utf8",
    ),
  ) as { version: string }
).version;

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

async function startEmbeddedIn(
  dataDir: string,
): Promise<TestDatabase & { close(): Promise<void> }> {
  try {
    const db = await startEmbeddedDatabase({ dataDir });
    return {
      url: db.url,
      close: () => db.close(),
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

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/**
 * PGlite's initdb and the migrations cost seconds per file in wasm, so the first test file builds a
 * migrated data folder once per set of migrations (named by their hash, shared by vitest's
 * workers) and every file starts from a copy of it. Built aside and renamed into place, so a
 * half-built template is never copied.
 */
export async function migratedTemplate(): Promise<string> {
  const migrations = await readMigrations();
  const hash = createHash("sha256").update(PGLITE_VERSION);
  for (const m of migrations) hash.update(`${m.name}\0${m.checksum}\0`);
  const template = path.join(
    os.tmpdir(),
    `pult-pglite-template-${hash.digest("hex").slice(0, 16)}`,
  );
  if (await exists(template)) return template;
  const building = await mkdtemp(path.join(os.tmpdir(), "pult-pglite-building-"));
  const db = await startEmbeddedIn(building);
  try {
    await applyMigrations(db.url);
  } catch (error) {
    await db.drop();
    throw error;
  }
  // Close cleanly (a checkpoint) but keep the folder: drop() would delete it.
  await db.close();
  await rename(building, template).catch(async () => {
    // Another worker won the race: its template is as good as ours.
    await rm(building, { recursive: true, force: true });
  });
  return template;
}

const runFile = promisify(execFile);

/** The template's database into a data folder, without its lock and socket folder. */
export async function copyTemplate(template: string, dataDir: string): Promise<void> {
  const own = new Set(["pult.lock", "run"]);
  const entries = (await readdir(template)).filter((name) => !own.has(name));
  // `cp -R` copies a data folder's ~1,200 files with a fraction of fs.cp's CPU time, which
  // every integration file and e2e server pays once; fs.cp where there is no cp.
  const sources = entries.map((name) => path.join(template, name));
  const isCopied = await runFile("cp", ["-R", ...sources, dataDir]).then(
    () => true,
    () => false,
  );
  if (isCopied) return;
  await cp(template, dataDir, {
    recursive: true,
    filter: (src) => !own.has(path.relative(template, src)),
  });
}

async function createEmbedded(opts: { migrate: boolean }): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-test-"));
  if (opts.migrate) {
    await mkdir(dataDir, { recursive: true });
    await copyTemplate(await migratedTemplate(), dataDir);
  }
  return startEmbeddedIn(dataDir);
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
  const migrate = opts.migrate !== false;
  const db = isEmbeddedTestMode() ? await createEmbedded({ migrate }) : await createOnServer();
  if (!migrate) return db;
  try {
    await applyMigrations(db.url);
    return db;
  } catch (error) {
    await db.drop();
    throw error;
  }
}
