import { getDb } from "@/server/db";

// Every row a company owns, as text: the access suites take one before and one after another
// company's requests, and the two must be identical. Tables are found by their tenant_id
// column, so a table added later is covered without touching this file.
export async function snapshotTenant(tenantId: string): Promise<Record<string, string[]>> {
  const db = getDb();
  const tables = await db.$queryRaw<Array<{ table_name: string }>>`
    SELECT table_name::text FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'tenant_id'
    ORDER BY table_name`;
  const snapshot: Record<string, string[]> = {};
  snapshot.tenants = (
    await db.$queryRaw<Array<{ row: string }>>`
      SELECT row_to_json(t)::text AS row FROM tenants t WHERE id = ${tenantId}::uuid`
  ).map((r) => r.row);
  for (const { table_name: table } of tables) {
    // The name comes from the catalog, not from input; quoted as an identifier.
    const rows = await db.$queryRawUnsafe<Array<{ row: string }>>(
      `SELECT row_to_json(t)::text AS row FROM "${table.replace(/"/g, '""')}" t
       WHERE tenant_id = $1::uuid ORDER BY 1`,
      tenantId,
    );
    snapshot[table] = rows.map((r) => r.row);
  }
  return snapshot;
}

/** The markers of `markers` that occur in `text` (an answer, an error message, a log). */
export function leakedMarkers(text: string, markers: readonly string[]): string[] {
  return markers.filter((marker) => marker.length > 0 && text.includes(marker));
}

/** JSON of any answer, including BigInt and Date values. */
export function toJsonText(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? ""
  );
}
