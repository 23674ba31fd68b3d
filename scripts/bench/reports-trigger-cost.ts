// What the report-rollup triggers cost the write paths, on a throwaway database:
//   node --import tsx scripts/bench/reports-trigger-cost.ts [--rows 20000]
// Times the ingest's shapes of write (update of a call in progress, insert of its routing
// decision) on recent calls, and an update of old calls, with the triggers on and off.
import { parseArgs } from "node:util";
import pg from "pg";
import { createSeedDatabase, dropSeedDatabase } from "@/scripts/seed-calls";

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string", default: "20000" } } });
  const rows = Number(values.rows);
  const created = await createSeedDatabase(SERVER_URL);
  const db = new pg.Client({ connectionString: created.url });
  await db.connect();
  try {
    const tenant = (
      await db.query<{ id: string }>(
        `INSERT INTO tenants (id, name, updated_at) VALUES (gen_random_uuid(), 'T', now()) RETURNING id`,
      )
    ).rows[0]!.id;
    // Half the calls started a minute ago (today's traffic), half 30 days ago (late events).
    await db.query(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state,
         started_at, last_event_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'c' || i, 'IN', '+7999' || i, '+74950000001', 'RINGING',
         CASE WHEN i % 2 = 0 THEN now() - interval '1 minute' ELSE now() - interval '30 days' END,
         now(), now()
       FROM generate_series(1, $2::int) i`,
      [tenant, rows],
    );
    await db.query("VACUUM ANALYZE calls");
    const time = async (label: string, sql: string) => {
      const results: number[] = [];
      for (const enabled of [false, true, false, true]) {
        await db.query(`ALTER TABLE calls ${enabled ? "ENABLE" : "DISABLE"} TRIGGER USER`);
        await db.query(
          `ALTER TABLE routing_decisions ${enabled ? "ENABLE" : "DISABLE"} TRIGGER USER`,
        );
        await db.query("BEGIN");
        const start = performance.now();
        const result = await db.query(sql, [tenant]);
        const ms = performance.now() - start;
        await db.query("ROLLBACK");
        results.push((ms * 1000) / Math.max(1, result.rowCount ?? 1));
      }
      const [offA, onA, offB, onB] = results;
      const off = Math.min(offA!, offB!);
      const on = Math.min(onA!, onB!);
      console.log(`| ${label} | ${off.toFixed(1)} | ${on.toFixed(1)} | ${(on - off).toFixed(1)} |`);
    };
    console.log(
      "| write (per row) | µs without triggers | µs with | difference |\n|---|---:|---:|---:|",
    );
    const recent = `started_at > now() - interval '1 day'`;
    await time(
      "update of a call in progress",
      `UPDATE calls SET state = 'TALKING', answered_at = now(), updated_at = now()
       WHERE tenant_id = $1::uuid AND ${recent}`,
    );
    await time(
      "routing decision of a parked call",
      `INSERT INTO routing_decisions (id, tenant_id, call_id, outcome, explanation, decided_in_ms)
       SELECT gen_random_uuid(), tenant_id, id, 'TRANSFER_WORKPLACE', '[]', 3
       FROM calls WHERE tenant_id = $1::uuid AND ${recent}`,
    );
    await time(
      "late event on a 30-day-old call (writes a mark)",
      `UPDATE calls SET state = 'ENDED', updated_at = now()
       WHERE tenant_id = $1::uuid AND NOT (${recent})`,
    );
  } finally {
    await db.end();
    await dropSeedDatabase(SERVER_URL, created.name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
