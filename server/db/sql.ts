// Plain SQL on the pool Prisma runs on, for the live path. A Prisma interactive transaction costs
// several times the CPU of the same statements sent through pg (measured: ~1.9 ms vs ~0.4 ms for
// three statements), and every PBX event pays it; the rest of the code keeps Prisma. Statements
// here name tables and columns as the migrations create them.
import pg from "pg";
import { getPool } from "@/server/db";

/** One connection inside an open transaction. */
export type SqlTx = Pick<pg.PoolClient, "query">;

/** A statement with $1… placeholders and its values. */
export type Statement = { text: string; values?: readonly unknown[] };

// An element of a PostgreSQL array literal: quoted, with backslash and quote escaped.
function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  const text = scalarText(value);
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}

/**
 * A value written into SQL text, for statements sent over the simple query protocol (which takes
 * no parameters). Arrays become array literals; the statement's own casts ($1::uuid[]) type
 * them. The driver's escaping: with standard_conforming_strings (PostgreSQL's default since 9.1)
 * nothing in a string can end it.
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (Array.isArray(value)) return pg.escapeLiteral(`{${value.map(arrayElement).join(",")}}`);
  return pg.escapeLiteral(scalarText(value));
}

/** The statement's text with its values written in: for sendStatements. */
export function inlineValues(statement: Statement): string {
  const values = statement.values ?? [];
  return statement.text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
}

/**
 * Several statements in one round trip (the simple query protocol), results in order. Every
 * round trip is a socket write and a read, and on the live path those cost more CPU than the
 * statements themselves (a write was ~90 µs here). Inside an open transaction each statement
 * still takes its own snapshot, so one may read what an earlier one locked or wrote.
 */
export async function sendStatements(
  sql: SqlTx,
  statements: Statement[],
): Promise<pg.QueryResult[]> {
  if (statements.length === 0) return [];
  const results = (await sql.query(statements.map(inlineValues).join(";\n"))) as unknown;
  return Array.isArray(results) ? (results as pg.QueryResult[]) : [results as pg.QueryResult];
}

/**
 * Runs fn in one transaction: COMMIT when it resolves, ROLLBACK when it throws. `opening`
 * statements travel with BEGIN in one round trip and fn gets their results; `closing` ones (from
 * fn's result) travel with COMMIT.
 */
export async function inTransaction<T>(
  fn: (sql: SqlTx, opened: pg.QueryResult[]) => Promise<T | Closing<T>>,
  opening: Statement[] = [],
): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  try {
    const opened = (await sendStatements(client, [{ text: "BEGIN" }, ...opening])).slice(1);
    const outcome = await fn(client, opened);
    if (outcome instanceof Closing) {
      await sendStatements(client, [...outcome.closing, { text: "COMMIT" }]);
      return outcome.value;
    }
    await client.query("COMMIT");
    return outcome;
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

/** What an inTransaction callback returns to send statements with the COMMIT. */
export class Closing<T> {
  constructor(
    readonly value: T,
    readonly closing: Statement[],
  ) {}
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
