// Past calls for a tenant that already has managers (with workplaces), clients (with phones) and
// PBX numbers: the demo's first start (a month, so reports and charts have something to show)
// and the report benchmarks (a year, scripts/seed-calls.ts). Rows are generated inside
// PostgreSQL (INSERT … SELECT generate_series): nothing crosses the wire per call.
import type pg from "pg";

export type SqlClient = Pick<pg.ClientBase, "query">;

export type CallHistoryOptions = {
  tenantId: string;
  /** Calls to generate, before callbacks and click-to-call legs are added. */
  calls: number;
  /** Spread over this many local days up to today; nothing later than `now() - 10 min`. */
  days: number;
  /** Answered calls say they have a recording (benchmarks); the demo has no audio for them. */
  hasRecordings: boolean;
  /** A routing decision for each incoming call to a parking number (benchmarks). */
  withDecisions: boolean;
  /** Talk time: at least `minTalkSec`, then exponential with this mean. */
  meanTalkSec?: number;
  minTalkSec?: number;
  /** Statements per chunk of this many calls. */
  chunk?: number;
  log?: (text: string) => void;
};

export type CallHistoryResult = { calls: number; callbacks: number; tasks: number; legs: number };

const DEFAULT_CHUNK = 100_000;

async function count(db: SqlClient, table: string): Promise<number> {
  const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.n ?? 0);
}

// Numbered copies of the tenant's managers, clients and numbers, so the generator can pick
// "the k-th one" from a random number. Temporary: they live as long as the connection.
async function indexTenant(db: SqlClient, tenantId: string) {
  await db.query(`DROP TABLE IF EXISTS pg_temp.history_managers, pg_temp.history_clients,
    pg_temp.history_numbers`);
  await db.query(
    `CREATE TEMP TABLE history_managers AS
     SELECT row_number() OVER (ORDER BY u.name, u.id)::int AS idx, u.id AS manager_id, u.workplace_id
     FROM users u WHERE u.tenant_id = $1::uuid AND u.role = 'MANAGER' AND u.status = 'ACTIVE'
       AND u.workplace_id IS NOT NULL`,
    [tenantId],
  );
  await db.query(
    `CREATE TEMP TABLE history_clients AS
     SELECT row_number() OVER (ORDER BY p.client_id)::int AS idx, p.client_id, p.e164
     FROM (SELECT DISTINCT ON (cp.client_id) cp.client_id, cp.e164 FROM client_phones cp
       JOIN clients c ON c.id = cp.client_id AND c.archived_at IS NULL
       WHERE cp.tenant_id = $1::uuid ORDER BY cp.client_id, cp.e164) p`,
    [tenantId],
  );
  await db.query(
    `CREATE TEMP TABLE history_numbers AS
     SELECT row_number() OVER (ORDER BY n.e164)::int AS idx, n.e164, n.parking
     FROM pbx_numbers n WHERE n.tenant_id = $1::uuid`,
    [tenantId],
  );
  await db.query(`CREATE UNIQUE INDEX ON history_clients (idx)`);
  const managers = await count(db, "history_managers");
  const clients = await count(db, "history_clients");
  const numbers = await count(db, "history_numbers");
  const zone = await db.query<{ time_zone: string }>(
    `SELECT time_zone FROM tenants WHERE id = $1::uuid`,
    [tenantId],
  );
  return { managers, clients, numbers, timeZone: zone.rows[0]?.time_zone ?? "Europe/Moscow" };
}

/** Inserts the history; the caller decides on transactions and triggers. */
export async function generateCallHistory(
  db: SqlClient,
  options: CallHistoryOptions,
): Promise<CallHistoryResult> {
  const { tenantId } = options;
  const log = options.log ?? (() => undefined);
  const tenant = await indexTenant(db, tenantId);
  if (tenant.managers === 0 || tenant.clients === 0 || tenant.numbers === 0) {
    throw new Error("call history needs managers with workplaces, clients with phones and numbers");
  }
  // random() in the statements below: the same seed gives the same history.
  await db.query(`SELECT setseed(0.42)`);
  const chunk = options.chunk ?? DEFAULT_CHUNK;
  const meanTalk = options.meanTalkSec ?? 170;
  const minTalk = options.minTalkSec ?? 0;
  let inserted = 0;
  for (let from = 1; from <= options.calls; from += chunk) {
    const to = Math.min(options.calls, from + chunk - 1);
    const result = await db.query(
      `WITH g AS (
         SELECT i,
           -- A weekday-heavy day in the last $5, a bell-shaped business-hours time of day.
           (date_trunc('day', now() AT TIME ZONE $6) - (floor(random() * $5)::int || ' days')::interval) AS day0,
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
           r_client < 0.85 AS is_known,
           1 + floor(r_mgr * $7)::int AS mgr_idx,
           1 + floor(r_num * $8)::int AS num_idx
         FROM g
       ), c AS (
         SELECT d.*, ((day + sec_of_day * interval '1 second') AT TIME ZONE $6) AS started,
           CASE WHEN is_in THEN r_ans < 0.84 ELSE r_ans < 0.7 END AS answered,
           1.5 + power(r_wait, 3) * 70 AS wait_sec,
           LEAST(3600, $9::int + floor(-ln(GREATEST(r_talk, 1e-9)) * $10::float8))::int AS talk
         FROM d
       )
       INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, result,
         started_at, ringing_at, answered_at, ended_at, duration_sec, talk_sec, workplace_id, manager_id,
         client_id, is_click_to_call, has_recording, last_event_at, updated_at)
       SELECT md5($1::text || 'call' || i)::uuid, $1::uuid, 'seed-' || i,
         CASE WHEN is_in THEN 'IN' ELSE 'OUT' END::"CallDirection",
         CASE WHEN NOT is_in THEN n.e164 WHEN is_known THEN cl.e164
           ELSE '+7998' || lpad((i % 9999991)::text, 7, '0') END,
         CASE WHEN is_in THEN n.e164 ELSE cl.e164 END,
         'ENDED', CASE WHEN answered THEN 'ANSWERED' ELSE 'MISSED' END::"CallResult",
         started, started + interval '1 second',
         CASE WHEN answered THEN started + wait_sec * interval '1 second' END,
         started + (wait_sec + CASE WHEN answered THEN talk ELSE 0 END) * interval '1 second',
         ceil(wait_sec + CASE WHEN answered THEN talk ELSE 0 END)::int,
         CASE WHEN answered THEN talk ELSE 0 END,
         CASE WHEN r_mgr < 0.04 AND is_in THEN NULL ELSE m.workplace_id END,
         CASE WHEN r_mgr < 0.04 AND is_in THEN NULL ELSE m.manager_id END,
         CASE WHEN is_known OR NOT is_in THEN cl.client_id END,
         NOT is_in, answered AND $11::boolean, started, now()
       FROM c
       JOIN history_clients cl ON cl.idx = c.client_idx
       JOIN history_managers m ON m.idx = c.mgr_idx
       JOIN history_numbers n ON n.idx = c.num_idx
       WHERE c.started < now() - interval '10 minutes'`,
      [
        tenantId,
        from,
        to,
        tenant.clients,
        options.days,
        tenant.timeZone,
        tenant.managers,
        tenant.numbers,
        minTalk,
        meanTalk,
        options.hasRecordings,
      ],
    );
    inserted += result.rowCount ?? 0;
    log(`calls ${to.toLocaleString("en")} / ${options.calls.toLocaleString("en")}`);
  }
  const followUps = await addFollowUps(db, tenantId, Math.round(options.calls * 0.06));
  if (options.withDecisions) await addDecisions(db, tenantId, log);
  await db.query(`DROP TABLE IF EXISTS pg_temp.history_managers, pg_temp.history_clients,
    pg_temp.history_numbers`);
  return { calls: inserted, ...followUps };
}

async function addFollowUps(db: SqlClient, tenantId: string, maxCallbacks: number) {
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
       AND m.started_at < now() - interval '1 day' AND m.external_id LIKE 'seed-%'
     LIMIT $2`,
    [tenantId, maxCallbacks],
  );
  // The callback tasks those calls closed, linked to both calls as the live sync links them.
  const tasks = await db.query<{ id: string; call_id: string; closed_by_call_id: string }>(
    `INSERT INTO tasks (id, tenant_id, kind, phone, client_id, call_id, assignee_id, status, closed_at,
       closed_by_call_id, resolution_sec, created_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'CALLBACK', m.from_number, m.client_id, m.id, m.manager_id, 'DONE',
       cb.started_at, cb.id, EXTRACT(EPOCH FROM cb.started_at - m.ended_at)::int, m.ended_at, now()
     FROM calls m JOIN calls cb ON cb.tenant_id = $1::uuid AND cb.external_id = m.external_id || '-cb'
     WHERE m.tenant_id = $1::uuid AND m.direction = 'IN' AND m.answered_at IS NULL AND random() < 0.5
     RETURNING id, call_id, closed_by_call_id`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO task_calls (id, tenant_id, task_id, call_id, role)
     SELECT gen_random_uuid(), $1::uuid, t.id, t.call_id, 'MISSED'::"TaskCallRole" FROM unnest($2::uuid[], $3::uuid[]) AS t(id, call_id)
     UNION ALL
     SELECT gen_random_uuid(), $1::uuid, t.id, t.cb, 'RESOLVED'::"TaskCallRole" FROM unnest($2::uuid[], $4::uuid[]) AS t(id, cb)`,
    [
      tenantId,
      tasks.rows.map((r) => r.id),
      tasks.rows.map((r) => r.call_id),
      tasks.rows.map((r) => r.closed_by_call_id),
    ],
  );
  // Click-to-call: the employee's first leg, folded into its parent.
  const legs = await db.query(
    `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, result,
       started_at, answered_at, ended_at, talk_sec, workplace_id, manager_id, is_click_to_call,
       parent_call_id, last_event_at, updated_at)
     SELECT gen_random_uuid(), tenant_id, external_id || '-leg', 'IN', from_number, to_number, 'ENDED',
       'ANSWERED', started_at, started_at + interval '3 seconds', ended_at, 0, workplace_id, manager_id,
       true, id, started_at, now()
     FROM calls WHERE tenant_id = $1::uuid AND direction = 'OUT' AND random() < 0.05
       AND external_id LIKE 'seed-%'`,
    [tenantId],
  );
  return {
    callbacks: callbacks.rowCount ?? 0,
    tasks: tasks.rowCount ?? 0,
    legs: legs.rowCount ?? 0,
  };
}

async function addDecisions(db: SqlClient, tenantId: string, log: (text: string) => void) {
  const decisions = await db.query(
    `INSERT INTO routing_decisions (id, tenant_id, call_id, outcome, target_workplace_id, explanation,
       decided_in_ms, created_at)
     SELECT gen_random_uuid(), c.tenant_id, c.id, 'TRANSFER_WORKPLACE', c.workplace_id,
       CASE WHEN random() < 0.12
         THEN '[{"kind":"ruleMatched","rule":"Personal manager"},{"kind":"personalManager","status":"onBreak"},{"kind":"fallback","index":1},{"kind":"groupPick"}]'::jsonb
         ELSE '[{"kind":"ruleMatched","rule":"Personal manager"},{"kind":"personalManager","status":"available"}]'::jsonb END,
       2 + floor(random() * 8)::int, c.started_at + interval '40 milliseconds'
     FROM calls c WHERE c.tenant_id = $1::uuid AND c.direction = 'IN' AND c.parent_call_id IS NULL
       AND c.to_number IN (SELECT e164 FROM history_numbers WHERE parking)`,
    [tenantId],
  );
  log(`${decisions.rowCount} routing decisions`);
}
