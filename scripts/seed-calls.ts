// Fills a PostgreSQL database with a year of realistic call history for reports and benchmarks:
//   npm run seed:calls -- --calls 1000000 [--database-url postgresql://…]
// Without --database-url a new database is created on 127.0.0.1 (its URL is printed). Rows are
// generated inside PostgreSQL (INSERT … SELECT generate_series): no data crosses the wire.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations } from "../server/db/migrations";

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
    await db.query(`SELECT setseed(0.42)`);
    // A year of history inserted at once would write a report-rollup mark per old call (the
    // triggers of migration report_rollups). The tenant is new and has no rollups to make
    // stale, so its history goes in without triggers; reports build its rollups from scratch.
    await db.query("SET session_replication_role = replica");
    // Base calls; about 6 % more are added below as callbacks of missed calls.
    const base = Math.round(calls * 0.94);
    for (let from = 1; from <= base; from += CHUNK) {
      const to = Math.min(base, from + CHUNK - 1);
      await db.query(
        `WITH g AS (
           SELECT i,
             -- A weekday-heavy day in the last 365, a bell-shaped business-hours time of day.
             (date_trunc('day', now() AT TIME ZONE 'Europe/Moscow') - (floor(random() * 365)::int || ' days')::interval) AS day0,
             random() AS r_dir, random() AS r_ans, random() AS r_wait, random() AS r_talk,
             random() AS r_hour, random() AS r_client, random() AS r_mgr, random() AS r_num, random() AS r_we
           FROM generate_series($2::int, $3::int) i
         ), d AS (
           SELECT g.*,
             CASE WHEN EXTRACT(ISODOW FROM day0) >= 6 AND r_we < 0.7 THEN day0 - interval '2 days' ELSE day0 END AS day,
             CASE WHEN r_hour < 0.05 THEN r_hour * 20 * 24 * 3600
               ELSE (8 + (r_hour + r_wait + r_talk) / 3 * 12) * 3600 END AS sec_of_day,
             r_dir < 0.7 AS is_in,
             1 + floor(power(r_client, 2) * $4)::int AS client_idx,
             r_client < 0.85 AS is_known
           FROM g
         ), c AS (
           SELECT d.*, ((day + sec_of_day * interval '1 second') AT TIME ZONE 'Europe/Moscow') AS started,
             CASE WHEN is_in THEN r_ans < 0.84 ELSE r_ans < 0.7 END AS answered,
             1.5 + power(r_wait, 3) * 70 AS wait_sec,
             LEAST(3600, floor(-ln(GREATEST(r_talk, 1e-9)) * 170))::int AS talk
           FROM d
         )
         INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, result,
           started_at, ringing_at, answered_at, ended_at, duration_sec, talk_sec, workplace_id, manager_id,
           client_id, is_click_to_call, has_recording, last_event_at, updated_at)
         SELECT md5($1::text || 'call' || i)::uuid, $1::uuid, 'seed-' || i,
           CASE WHEN is_in THEN 'IN' ELSE 'OUT' END::"CallDirection",
           CASE WHEN is_in THEN (CASE WHEN is_known THEN '+7999' || lpad(client_idx::text, 7, '0') ELSE '+7998' || lpad((i % 9999991)::text, 7, '0') END)
             ELSE ($5::text[])[1 + floor(r_num * 4)::int] END,
           CASE WHEN is_in THEN ($5::text[])[1 + floor(r_num * 4)::int]
             ELSE '+7999' || lpad(client_idx::text, 7, '0') END,
           'ENDED', CASE WHEN answered THEN 'ANSWERED' ELSE 'MISSED' END::"CallResult",
           started, started + interval '1 second',
           CASE WHEN answered THEN started + wait_sec * interval '1 second' END,
           started + (wait_sec + CASE WHEN answered THEN talk ELSE 0 END) * interval '1 second',
           ceil(wait_sec + CASE WHEN answered THEN talk ELSE 0 END)::int,
           CASE WHEN answered THEN talk ELSE 0 END,
           CASE WHEN r_mgr < 0.04 AND is_in THEN NULL ELSE md5($1::text || 'wp' || (1 + floor(r_mgr * $6))::int)::uuid END,
           CASE WHEN r_mgr < 0.04 AND is_in THEN NULL ELSE md5($1::text || 'mgr' || (1 + floor(r_mgr * $6))::int)::uuid END,
           CASE WHEN is_known OR NOT is_in THEN md5($1::text || 'cl' || client_idx)::uuid END,
           NOT is_in, answered, started, now()
         FROM c`,
        [tenantId, from, to, CLIENTS, NUMBERS, MANAGERS],
      );
      log(`calls ${to.toLocaleString("en")} / ${base.toLocaleString("en")}`);
    }
    // Callbacks: about 40 % of missed calls are called back within minutes to a day.
    const callbacks = await db.query(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, result,
         started_at, answered_at, ended_at, duration_sec, talk_sec, workplace_id, manager_id, client_id,
         is_click_to_call, last_event_at, updated_at)
       SELECT gen_random_uuid(), m.tenant_id, m.external_id || '-cb', 'OUT', m.to_number, m.from_number,
         'ENDED', 'ANSWERED', m.ended_at + x.delay, m.ended_at + x.delay + interval '9 seconds',
         m.ended_at + x.delay + interval '99 seconds', 99, 90, m.workplace_id, m.manager_id, m.client_id,
         true, m.ended_at, now()
       FROM calls m CROSS JOIN LATERAL (SELECT (300 + random() * 86400) * interval '1 second' AS delay) x
       WHERE m.tenant_id = $1::uuid AND m.direction = 'IN' AND m.answered_at IS NULL AND random() < 0.4
         AND m.started_at < now() - interval '1 day'
       LIMIT $2`,
      [tenantId, Math.max(0, calls - base)],
    );
    log(`${callbacks.rowCount} callbacks`);
    await db.query(
      `INSERT INTO tasks (id, tenant_id, kind, phone, client_id, call_id, assignee_id, status, closed_at,
         closed_by_call_id, resolution_sec, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'CALLBACK', m.from_number, m.client_id, m.id, m.manager_id, 'DONE',
         cb.started_at, cb.id, EXTRACT(EPOCH FROM cb.started_at - m.ended_at)::int, now()
       FROM calls m JOIN calls cb ON cb.tenant_id = $1::uuid AND cb.external_id = m.external_id || '-cb'
       WHERE m.tenant_id = $1::uuid AND m.direction = 'IN' AND m.answered_at IS NULL AND random() < 0.5`,
      [tenantId],
    );
    // Click-to-call: the employee's first leg, folded into its parent.
    const legs = await db.query(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, result,
         started_at, answered_at, ended_at, talk_sec, workplace_id, manager_id, is_click_to_call,
         parent_call_id, last_event_at, updated_at)
       SELECT gen_random_uuid(), tenant_id, external_id || '-leg', 'IN', from_number, to_number, 'ENDED',
         'ANSWERED', started_at, started_at + interval '3 seconds', ended_at, 0, workplace_id, manager_id,
         true, id, started_at, now()
       FROM calls WHERE tenant_id = $1::uuid AND direction = 'OUT' AND random() < 0.05`,
      [tenantId],
    );
    log(`${legs.rowCount} click-to-call legs`);
    const decisions = await db.query(
      `INSERT INTO routing_decisions (id, tenant_id, call_id, outcome, target_workplace_id, explanation,
         decided_in_ms, created_at)
       SELECT gen_random_uuid(), tenant_id, id, 'TRANSFER_WORKPLACE', workplace_id,
         CASE WHEN random() < 0.12
           THEN '[{"kind":"ruleMatched","rule":"Personal manager"},{"kind":"personalManager","status":"onBreak"},{"kind":"fallback","index":1},{"kind":"groupPick"}]'::jsonb
           ELSE '[{"kind":"ruleMatched","rule":"Personal manager"},{"kind":"personalManager","status":"available"}]'::jsonb END,
         2 + floor(random() * 8)::int, started_at + interval '40 milliseconds'
       FROM calls WHERE tenant_id = $1::uuid AND direction = 'IN' AND parent_call_id IS NULL
         AND to_number = ANY($2::text[])`,
      [tenantId, NUMBERS.slice(0, 2)],
    );
    log(`${decisions.rowCount} routing decisions`);
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
