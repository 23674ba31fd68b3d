import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  applyMigrations,
  defaultMigrationsDir,
  getPendingMigrations,
  MigrationError,
  readMigrations,
} from "@/server/db/migrations";

let db: TestDatabase;
let scratch: string;
let localNames: string[];

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

// A copy of the real migrations plus extra ones, so tests can add or edit files safely.
async function migrationsCopy(label: string, extra: Record<string, string> = {}) {
  const dir = path.join(scratch, label);
  await cp(defaultMigrationsDir(), dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

// Another server instance: a separate process, so the in-process queue does not help.
function applyInChild(migrationsDir: string): Promise<string[]> {
  const modulePath = path.join(import.meta.dirname, "migrations.ts");
  const code =
    `import { applyMigrations } from ${JSON.stringify(modulePath)};\n` +
    `const { applied } = await applyMigrations(process.env.MIGRATE_URL, ` +
    `{ migrationsDir: process.env.MIGRATE_DIR });\n` +
    `console.log(JSON.stringify(applied));`;
  // Asynchronous spawn: the embedded database runs on this process's event loop.
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    env: { ...process.env, MIGRATE_URL: db.url, MIGRATE_DIR: migrationsDir },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`child exited with ${code}: ${stderr}`));
      resolve(z.array(z.string()).parse(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")));
    });
  });
}

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  scratch = await mkdtemp(path.join(os.tmpdir(), "pult-migrations-"));
  localNames = (await readMigrations()).map((m) => m.name);
});

afterAll(async () => {
  await db?.drop();
  await rm(scratch, { recursive: true, force: true });
});

describe("migrations", () => {
  it("finds the committed migrations in name order", () => {
    expect(localNames.length).toBeGreaterThan(0);
    expect(localNames).toEqual([...localNames].sort());
    expect(localNames[0]).toMatch(/^\d{14}_init$/);
  });

  it("reports every migration pending on a database without the migrations table", async () => {
    expect(await getPendingMigrations(db.url)).toEqual(localNames);
  });

  it("applies all migrations to a fresh database and records them like Prisma", async () => {
    const { applied } = await applyMigrations(db.url);
    expect(applied).toEqual(localNames);

    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["tenants", "users", "calls", "call_events", "jobs"]),
    );

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const first = localNames[0] ?? "";
    const sql = await readFile(path.join(defaultMigrationsDir(), first, "migration.sql"));
    expect(rows.map((r) => r.migration_name)).toEqual(localNames);
    expect(rows[0]?.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(rows[0]?.finished_at).toBeInstanceOf(Date);
    expect(rows[0]?.applied_steps_count).toBe(1);
  });

  it("applies nothing the second time and reports nothing pending", async () => {
    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
    expect(await getPendingMigrations(db.url)).toEqual([]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const dir = await migrationsCopy("tampered");
    const first = localNames[0] ?? "";
    await writeFile(path.join(dir, first, "migration.sql"), "-- edited\n", { flag: "a" });
    const attempt = applyMigrations(db.url, { migrationsDir: dir });
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`${first} was modified after it was applied`));
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    const dir = await migrationsCopy("failing", {
      "99990101000000_broken": `CREATE TABLE "zz_half" (id INT);\nSELECT no_such_function();\n`,
    });
    expect(await getPendingMigrations(db.url, { migrationsDir: dir })).toEqual([
      "99990101000000_broken",
    ]);
    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
      /99990101000000_broken failed and was rolled back/,
    );
    expect(await query(`SELECT to_regclass('zz_half') AS t`)).toEqual([{ t: null }]);
    const recorded = await query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`,
    );
    expect(recorded).toHaveLength(0);
  });

  it("applies each migration exactly once when instances start together", async () => {
    // The sleep keeps the first migration open long enough for the others to arrive.
    const extra = {
      "99990201000000_concurrent_a": `SELECT pg_sleep(0.7);\nCREATE TABLE "zz_concurrent_a" (id INT);\n`,
      "99990202000000_concurrent_b": `CREATE TABLE "zz_concurrent_b" (id INT);\n`,
    };
    const dir = await migrationsCopy("concurrent", extra);
    const results = await Promise.all([
      applyInChild(dir),
      applyInChild(dir),
      applyMigrations(db.url, { migrationsDir: dir }).then((r) => r.applied),
      applyMigrations(db.url, { migrationsDir: dir }).then((r) => r.applied),
    ]);
    expect(results.flat().sort()).toEqual(Object.keys(extra));
    const rows = await query<{ migration_name: string; n: string }>(
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations"
        WHERE migration_name LIKE '9999%' GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows).toEqual(Object.keys(extra).map((name) => ({ migration_name: name, n: "1" })));
  });
});
