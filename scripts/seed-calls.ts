// Fills a PostgreSQL database with a year of realistic call history for reports and benchmarks:
//   npm run seed:calls -- --calls 1000000 [--database-url postgresql://…]
// Without --database-url a new database is created on 127.0.0.1 (its URL is printed). The calls
// come from server/demo/call-history.ts, the generator the demo's first start uses too.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { generateCallHistory } from "@/server/demo/call-history";
import { applyMigrations } from "@/server/db/migrations";

const MANAGERS = 30;
const CLIENTS = 100_000;
const NUMBERS = ["+74951230001", "+74951230002", "+78001230003", "+79161230004"];
const CHUNK = 100_000;

export type SeedResult = { tenantId: string; managerIds: string[]; calls: number };

function log(text: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

export async function createSeedDatabase(
  serverUrl: string,
): Promise<{ url: string; name: string }> {
  const name = `pult_seed_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return { url: url.toString(), name };
}

export async function dropSeedDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/** Seeds one tenant with managers, clients and `calls` calls over the last 12 months. */
export async function seedCalls(url: string, calls: number): Promise<SeedResult> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const tenantId = (
      await db.query<{ id: string }>(
        `INSERT INTO tenants (id, name, time_zone, settings, updated_at)
         VALUES (gen_random_uuid(), 'Seeded ' || now()::text, 'Europe/Moscow', '{"serviceLevelSec":20}', now())
         RETURNING id`,
      )
    ).rows[0]!.id;
    const t = tenantId.slice(0, 8);
    // Deterministic ids (md5 → uuid) let later statements reference rows by their index.
    await db.query(
      `INSERT INTO workplaces (id, tenant_id, external_id, name, extension, updated_at)
       SELECT md5($1::text || 'wp' || k)::uuid, $1::uuid, 'wp-' || k, 'Workplace ' || k, (100 + k)::text, now()
       FROM generate_series(1, $2) k`,
      [tenantId, MANAGERS],
    );
    await db.query(
      `INSERT INTO users (id, tenant_id, email, name, role, status, workplace_id, presence, updated_at)
       SELECT md5($1::text || 'mgr' || k)::uuid, $1::uuid, 'manager' || k || '-' || $3 || '@seed.test',
         'Manager ' || lpad(k::text, 2, '0'), 'MANAGER'::"Role", 'ACTIVE'::"UserStatus",
         md5($1::text || 'wp' || k)::uuid, 'OFFLINE'::"Presence", now()
       FROM generate_series(1, $2) k
       UNION ALL
       SELECT md5($1::text || 'sup')::uuid, $1::uuid, 'supervisor-' || $3 || '@seed.test', 'Supervisor', 'SUPERVISOR',
         'ACTIVE', NULL, 'OFFLINE', now()`,
      [tenantId, MANAGERS, t],
    );
    await db.query(
      `INSERT INTO pbx_numbers (id, tenant_id, external_id, e164, kind, parking, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'n' || i, n, 'CITY', i <= 2, now()
       FROM unnest($2::text[]) WITH ORDINALITY AS x(n, i)`,
      [tenantId, NUMBERS],
    );
    log(`tenant ${tenantId}: ${MANAGERS} managers with workplaces`);
    await db.query(
      `INSERT INTO clients (id, tenant_id, name, company, personal_manager_id, updated_at)
       SELECT md5($1::text || 'cl' || i)::uuid, $1::uuid, 'Client ' || i, CASE WHEN i % 3 = 0 THEN 'Company ' || (i % 997) END,
         CASE WHEN i % 5 < 2 THEN md5($1::text || 'mgr' || (1 + i % $3))::uuid END, now()
       FROM generate_series(1, $2) i`,
      [tenantId, CLIENTS, MANAGERS],
    );
    // The per-row search trigger on phones is slow in bulk: skip it, then refresh each client's
    // search text once (the clients trigger reads the phones).
    await db.query("SET session_replication_role = replica");
    await db.query(
      `INSERT INTO client_phones (id, tenant_id, client_id, e164)
       SELECT gen_random_uuid(), $1::uuid, md5($1::text || 'cl' || i)::uuid, '+7999' || lpad(i::text, 7, '0')
       FROM generate_series(1, $2) i`,
      [tenantId, CLIENTS],
    );
    await db.query("SET session_replication_role = origin");
    await db.query(`UPDATE clients SET name = name WHERE tenant_id = $1::uuid`, [tenantId]);
    log(`${CLIENTS} clients with phones`);
    // A year of history inserted at once would write a report-rollup mark per old call (the
    // triggers of migration report_rollups). The tenant is new and has no rollups to make
    // stale, so its history goes in without triggers; reports build its rollups from scratch.
    await db.query("SET session_replication_role = replica");
    // Base calls; about 6 % more are added as callbacks of missed calls.
    const history = await generateCallHistory(db, {
      tenantId,
      calls: Math.round(calls * 0.94),
      days: 365,
      hasRecordings: true,
      withDecisions: true,
      chunk: CHUNK,
      log,
    });
    log(
      `${history.callbacks} callbacks, ${history.tasks} tasks, ${history.legs} click-to-call legs`,
    );
    await db.query("SET session_replication_role = origin");
    // A live system writes calls in time order, so a period's rows sit together on disk; the
    // generator wrote them in random order. CLUSTER restores the realistic layout.
    log("CLUSTER calls by start time, VACUUM ANALYZE");
    await db.query("CLUSTER calls USING calls_tenant_id_started_at_idx");
    await db.query("VACUUM ANALYZE calls");
    await db.query("VACUUM ANALYZE clients");
    await db.query("VACUUM ANALYZE routing_decisions");
    await db.query("VACUUM ANALYZE tasks");
    const total = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM calls WHERE tenant_id = $1::uuid AND parent_call_id IS NULL`,
      [tenantId],
    );
    const managerIds = (
      await db.query<{ id: string }>(
        `SELECT id FROM users WHERE tenant_id = $1::uuid AND role = 'MANAGER' ORDER BY name`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    return { tenantId, managerIds, calls: Number(total.rows[0]?.n ?? 0) };
  } finally {
    await db.end();
  }
}

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: "string", default: "1000000" },
      "database-url": { type: "string" },
    },
  });
  const calls = Number(values.calls);
  if (!Number.isInteger(calls) || calls < 1) throw new Error("--calls must be a positive integer");
  let url = values["database-url"];
  if (!url) {
    const created = await createSeedDatabase(SERVER_URL);
    url = created.url;
    log(`created database ${created.name}`);
  } else {
    await applyMigrations(url);
  }
  const started = Date.now();
  const result = await seedCalls(url, calls);
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.calls} calls`);
  log(`tenant ${result.tenantId} in ${url}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
