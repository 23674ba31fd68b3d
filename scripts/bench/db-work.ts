// What a run asked of PostgreSQL, from the server's own counters for the run's database
// (pg_stat_database): transactions and rows written. The floor writes one row per notification
// in one transaction, so every extra round trip and write shows up next to it.
import pg from "pg";
import { postgresServerUrl, sleep } from "@/scripts/bench/common";

export type DbCounters = {
  transactions: number;
  inserted: number;
  updated: number;
  deleted: number;
  /** Rows inserted + updated + deleted, per table (pg_stat_user_tables). */
  writesByTable: Map<string, number>;
};

export type DbWork = Omit<DbCounters, "writesByTable"> & {
  rowsWritten: number;
  writesByTable: Map<string, number>;
};

// A backend reports its counters when it goes idle, at most once a second, and an idle one
// within 10 s (PostgreSQL 15+): read the end this long after the traffic.
export const DB_COUNTERS_SETTLE_MS = 11_000;

export async function readDbCounters(database: string): Promise<DbCounters | null> {
  const client = new pg.Client({ connectionString: postgresServerUrl() });
  try {
    await client.connect();
    const result = await client.query<Record<keyof DbCounters, string>>(
      `SELECT xact_commit + xact_rollback AS transactions, tup_inserted AS inserted,
         tup_updated AS updated, tup_deleted AS deleted
       FROM pg_stat_database WHERE datname = $1`,
      [database],
    );
    const row = result.rows[0];
    if (!row) return null;
    const tables = await readTableWrites(database);
    return {
      transactions: Number(row.transactions),
      inserted: Number(row.inserted),
      updated: Number(row.updated),
      deleted: Number(row.deleted),
      writesByTable: tables,
    };
  } catch {
    // Not allowed to read the statistics, or the server is not local: the figure is n/a.
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Table statistics are per database: read through a connection to the run's own.
async function readTableWrites(database: string): Promise<Map<string, number>> {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    const result = await client.query<{ name: string; writes: string }>(
      `SELECT relname AS name, n_tup_ins + n_tup_upd + n_tup_del AS writes FROM pg_stat_user_tables`,
    );
    return new Map(result.rows.map((r) => [r.name, Number(r.writes)]));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function dbWorkBetween(before: DbCounters, after: DbCounters): DbWork {
  const transactions = after.transactions - before.transactions;
  const inserted = after.inserted - before.inserted;
  const updated = after.updated - before.updated;
  const deleted = after.deleted - before.deleted;
  const writesByTable = new Map(
    [...after.writesByTable]
      .map(([table, n]) => [table, n - (before.writesByTable.get(table) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]),
  );
  return {
    transactions,
    inserted,
    updated,
    deleted,
    rowsWritten: inserted + updated + deleted,
    writesByTable,
  };
}

/** The counters' end, once every backend has reported what it did until `endedAtMs`. */
export async function readSettledDbCounters(
  database: string,
  endedAtMs: number,
): Promise<DbCounters | null> {
  const wait = endedAtMs + DB_COUNTERS_SETTLE_MS - Date.now();
  if (wait > 0) await sleep(wait);
  return readDbCounters(database);
}
