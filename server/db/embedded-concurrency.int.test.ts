import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/server/db/embedded";
import { endsUnitOfWork } from "@/server/db/pglite-queue-fix";

let dataDir = "";
let embedded: EmbeddedDatabase | undefined;
let pool: pg.Pool | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-concurrency-"));
  embedded = await startEmbeddedDatabase({ dataDir });
  pool = new pg.Pool({ connectionString: embedded.url, max: 10 });
  await pool.query("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)");
  await pool.query("INSERT INTO counters SELECT g, 0 FROM generate_series(1, 10) g");
});

afterAll(async () => {
  await pool?.end();
  await embedded?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("embedded database under concurrent pooled connections", () => {
  it("answers every parameterised query with its own result", async () => {
    const db = pool;
    if (!db) throw new Error("no pool");
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        // Different statement texts: interleaved Parse/Bind from two connections would swap them.
        db
          .query<{ k: number; n: number; s: string }>(
            `SELECT ${i % 7}::int AS k, $1::int AS n, repeat('x', $1::int % 50) AS s`,
            [i],
          )
          .then((r) => r.rows[0]),
      ),
    );
    results.forEach((row, i) => {
      expect(row).toEqual({ k: i % 7, n: i, s: "x".repeat(i % 50) });
    });
  });

  it("keeps transactions isolated and loses no increments", async () => {
    const db = pool;
    if (!db) throw new Error("no pool");
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const client = await db.connect();
        try {
          await client.query("BEGIN");
          await client.query("UPDATE counters SET n = n + 1 WHERE id = $1", [(i % 10) + 1]);
          await client.query("UPDATE counters SET n = n + 1 WHERE id = $1", [((i + 1) % 10) + 1]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await db.query<{ total: string }>(
      "SELECT sum(n)::text AS total FROM counters",
    );
    expect(rows[0]?.total).toBe("200");
  });

  it("keeps serving after a failing statement", async () => {
    const db = pool;
    if (!db) throw new Error("no pool");
    await expect(db.query("SELECT * FROM no_such_table")).rejects.toThrow(/no_such_table/);
    const after = await Promise.all(
      Array.from({ length: 20 }, (_, i) => db.query<{ n: number }>("SELECT $1::int AS n", [i])),
    );
    expect(after.map((r) => r.rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe("unit-of-work boundaries", () => {
  it("ends at Sync, simple Query, Terminate and startup messages only", () => {
    for (const type of ["S", "Q", "X"])
      expect(endsUnitOfWork(new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4]))).toBe(true);
    expect(endsUnitOfWork(new Uint8Array([0, 0, 0, 8, 4, 210, 22, 47]))).toBe(true);
    for (const type of ["P", "B", "D", "E", "H"])
      expect(endsUnitOfWork(new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4]))).toBe(false);
  });
});
