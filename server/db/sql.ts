// Plain SQL on the pool Prisma runs on, for the notification hot path. A Prisma interactive
// transaction costs several times the CPU of the same statements sent through pg (measured:
// ~1.9 ms vs ~0.4 ms for three statements), and every PBX event pays it; the rest of the code
// keeps Prisma. Statements here name tables and columns as the migrations create them.
import pg from "pg";
import { getPool } from "../db";

/** One connection inside an open transaction. */
export type SqlTx = Pick<pg.PoolClient, "query">;

/**
 * A value written into SQL text, for `opening` statements (below), which go over the simple
 * query protocol and so cannot take parameters. The driver's own escaping; with
 * standard_conforming_strings (PostgreSQL's default since 9.1) nothing in a string can end it.
 */
export function literal(value: string | Date): string {
  return pg.escapeLiteral(value instanceof Date ? value.toISOString() : value);
}

/**
 * Runs fn in one transaction: COMMIT when it resolves, ROLLBACK when it throws. `opening`
 * statements (values inlined with literal()) travel with BEGIN in one round trip and fn gets
 * their results: every round trip is a socket write and a read, which on the notification hot
 * path cost more CPU than the statements themselves. Each statement still takes its own snapshot.
 */
export async function inTransaction<T>(
  fn: (sql: SqlTx, opened: pg.QueryResult[]) => Promise<T>,
  opening?: string,
): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  try {
    let opened: pg.QueryResult[] = [];
    if (opening) {
      const results = (await client.query(`BEGIN;\n${opening}`)) as unknown;
      opened = (results as pg.QueryResult[]).slice(1);
    } else await client.query("BEGIN");
    const result = await fn(client, opened);
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
