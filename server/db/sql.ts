// Plain SQL on the pool Prisma runs on, for the notification hot path. A Prisma interactive
// transaction costs several times the CPU of the same statements sent through pg (measured:
// ~1.9 ms vs ~0.4 ms for three statements), and every PBX event pays it; the rest of the code
// keeps Prisma. Statements here name tables and columns as the migrations create them.
import type pg from "pg";
import { getPool } from "../db";

/** One connection inside an open transaction. */
export type SqlTx = Pick<pg.PoolClient, "query">;

/** Runs fn in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(fn: (sql: SqlTx) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch {
      // The connection itself failed: do not hand it to the next caller.
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The first row of a result, or null. */
export async function queryOne<T extends pg.QueryResultRow>(
  sql: Pick<pg.PoolClient, "query">,
  text: string,
  values: unknown[],
): Promise<T | null> {
  const result = await sql.query<T>(text, values);
  return result.rows[0] ?? null;
}
