import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep } from "@/scripts/bench/common";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { inTransaction } from "@/server/db/sql";
import { isEmbeddedTestMode } from "@/server/testing/test-database";
import { createRunContext, type RunContext } from "@/server/testing/resilience/context";
import {
  createDatabaseOn,
  startPrivatePostgres,
  type PrivatePostgres,
} from "@/server/testing/resilience/private-postgres";

// The database server going away under the process's pool: statements fail with an error the
// caller handles (the notification endpoint answers 503), and nothing escapes as an uncaught
// exception, whether the connection was idle or checked out by a transaction.

let ctx: RunContext;
let postgres: PrivatePostgres;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  ctx = createRunContext("connection loss", { isQuiet: true });
  postgres = await startPrivatePostgres(ctx);
  initDatabase(await createDatabaseOn(postgres, "pult_connection_loss"));
  process.on("uncaughtException", onUncaught);
}, 120_000);

afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  await closeDatabase();
  await ctx?.cleanup();
});

describe.skipIf(isEmbeddedTestMode())("losing the database connection", () => {
  it("fails the statements in progress, raises nothing uncaught, and recovers", async () => {
    // Two idle pooled connections and one held by an open transaction.
    await Promise.all([getDb().$queryRaw`SELECT 1`, getDb().$queryRaw`SELECT 2`]);
    const transaction = inTransaction(async (sql) => {
      await sql.query("SELECT 1");
      await postgres.stop();
      await sleep(300);
      await sql.query("SELECT 1");
    });
    await expect(transaction).rejects.toThrow(/terminat|Connection|not queryable/i);
    await expect(getDb().$queryRaw`SELECT 1`).rejects.toThrow();
    await sleep(300);
    expect(uncaught).toEqual([]);

    await postgres.start();
    await expect(getDb().$queryRaw<Array<{ n: number }>>`SELECT 1::int AS n`).resolves.toEqual([
      { n: 1 },
    ]);
    await expect(inTransaction((sql) => sql.query("SELECT 1"))).resolves.toBeTruthy();
    expect(uncaught).toEqual([]);
  }, 60_000);
});
