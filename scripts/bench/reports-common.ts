// Shared by the report benchmark scripts.
import pg from "pg";

/** A local date (YYYY-MM-DD) `days` days before today in Europe/Moscow, the seeded zone. */
export function localDateAgo(days: number): string {
  const d = new Date(Date.now() + 3 * 3600_000 - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The tenant with the most calls in the database: the seeded one. */
export async function firstSeededTenant(url: string): Promise<string> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    const tenant = await probe.query<{ tenant_id: string }>(
      `SELECT tenant_id, count(*) AS n FROM calls GROUP BY tenant_id ORDER BY n DESC LIMIT 1`,
    );
    const tenantId = tenant.rows[0]?.tenant_id;
    if (!tenantId) throw new Error("No calls in this database: seed it first");
    return tenantId;
  } finally {
    await probe.end();
  }
}
