// The routing bench's fixtures: the PBX structure it loads into the simulator, the rules and
// clients it seeds into Pult's database, and reads of the simulator's control API.
import pg from "pg";
import type { RoutingBenchOptions } from "../bench-routing";
import { BenchError, sleep, type BenchContext } from "./common";

export const PARKED_NUMBER = "+74957000000";
const OTHER_NUMBER = "+74957000001";
export const clientPhone = (i: number) => `+7900${String(i).padStart(7, "0")}`;

export function structure(workplaces: number) {
  const pad = (i: number) => String(i + 1).padStart(3, "0");
  const ws = Array.from({ length: workplaces }, (_, i) => ({
    id: `rb-wp-${pad(i)}`,
    name: `Routing bench ${pad(i)}`,
    extension: String(2000 + i),
    distribution: "serial" as const,
    terminals: [
      {
        id: `rb-wp-${pad(i)}-sip`,
        kind: "sip" as const,
        label: "SIP",
        address: `sip:${2000 + i}@rb.test`,
      },
    ],
  }));
  const all = ws.map((w) => w.id);
  return {
    workplaces: ws,
    numbers: [
      {
        number: PARKED_NUMBER,
        kind: "city" as const,
        label: "Parked line",
        parking: true,
        workplaceIds: all,
      },
      {
        number: OTHER_NUMBER,
        kind: "city" as const,
        label: "Other line",
        parking: false,
        workplaceIds: all,
      },
    ],
  };
}

export async function simJson<T>(base: string, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  if (!res.ok) throw new BenchError(`simulator ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A read of the simulator's journal, tried again after a network error: right after a burst the
 * simulator may reset a kept-alive connection. Reads only — a call placement is never repeated.
 */
export async function readWithRetry<T>(read: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (error) {
      if (i >= attempts || error instanceof BenchError) throw error;
      await sleep(200 * i);
    }
  }
}

/** Rules that are evaluated but do not match the bench's calls, then the default rule last. */
function ruleRows(count: number, groupIds: string[]) {
  const rows: Array<{ name: string; conditions: unknown; action: unknown; fallbacks: unknown }> =
    [];
  for (let i = 0; i < count - 1; i++) {
    const kind = i % 4;
    const conditions =
      kind === 0
        ? { dialed: [OTHER_NUMBER], caller: { kind: "any" }, schedule: null }
        : kind === 1
          ? {
              dialed: [],
              caller: { kind: "prefix", prefixes: [`+7812${String(i).padStart(3, "0")}`] },
              schedule: null,
            }
          : kind === 2
            ? { dialed: [], caller: { kind: "tag", tags: [`segment-${i}`] }, schedule: null }
            : {
                dialed: [PARKED_NUMBER],
                caller: { kind: "any" },
                schedule: {
                  weekdays: [1, 2, 3, 4, 5, 6, 7],
                  windows: [],
                  holidays: [],
                  holidayMode: "only",
                },
              };
    rows.push({
      name: `Bench rule ${i + 1}`,
      conditions,
      action: {
        kind: "group",
        name: `Group ${i}`,
        strategy: "roundRobin",
        workplaceIds: groupIds.slice(0, 5),
      },
      fallbacks: [{ kind: "release" }],
    });
  }
  rows.push({
    name: "Personal manager",
    conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
    action: { kind: "personalManager" },
    fallbacks: [
      { kind: "group", name: "Everyone", strategy: "longestIdle", workplaceIds: groupIds },
      { kind: "release" },
    ],
  });
  return rows;
}

export async function seed(
  url: string,
  opts: RoutingBenchOptions,
  ctx: BenchContext,
): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const tenant = await db.query<{ id: string }>("SELECT id FROM tenants LIMIT 1");
    const tenantId = tenant.rows[0]?.id;
    if (!tenantId) throw new BenchError("no tenant in the bench database");
    ctx.phase(
      `seeding ${opts.workplaces} managers, ${opts.clients} clients and ${opts.rules} rules`,
    );
    await db.query(
      `INSERT INTO users (id, tenant_id, email, name, role, status, presence, workplace_id, updated_at)
       SELECT gen_random_uuid(), $1, 'rb-' || w.external_id || '@bench.test', 'Manager ' || w.name,
              'MANAGER', 'ACTIVE', 'AVAILABLE', w.id, now()
       FROM workplaces w WHERE w.tenant_id = $1`,
      [tenantId],
    );
    await db.query(
      `WITH managers AS (
         SELECT id, row_number() OVER (ORDER BY email) - 1 AS n, count(*) OVER () AS total
         FROM users WHERE tenant_id = $1 AND role = 'MANAGER')
       INSERT INTO clients (id, tenant_id, name, tags, is_vip, personal_manager_id, updated_at)
       SELECT md5('rb-client-' || g)::uuid, $1, 'Client ' || g,
              CASE WHEN g % 10 = 0 THEN ARRAY['wholesale'] ELSE ARRAY[]::text[] END, g % 50 = 0,
              (SELECT id FROM managers WHERE n = g % total), now()
       FROM generate_series(1, $2::int) AS g`,
      [tenantId, opts.clients],
    );
    await db.query(
      `INSERT INTO client_phones (id, tenant_id, client_id, e164)
       SELECT gen_random_uuid(), $1, md5('rb-client-' || g)::uuid, '+7900' || lpad(g::text, 7, '0')
       FROM generate_series(1, $2::int) AS g`,
      [tenantId, opts.clients],
    );
    await db.query("DELETE FROM routing_rules WHERE tenant_id = $1", [tenantId]);
    const workplaceIds = (
      await db.query<{ id: string }>(
        "SELECT id FROM workplaces WHERE tenant_id = $1 ORDER BY name",
        [tenantId],
      )
    ).rows.map((r) => r.id);
    for (const [position, rule] of ruleRows(opts.rules, workplaceIds).entries()) {
      await db.query(
        `INSERT INTO routing_rules (id, tenant_id, position, name, is_enabled, conditions, action, fallbacks, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, true, $4, $5, $6, now())`,
        [
          tenantId,
          position,
          rule.name,
          JSON.stringify(rule.conditions),
          JSON.stringify(rule.action),
          JSON.stringify(rule.fallbacks),
        ],
      );
    }
  } finally {
    await db.end();
  }
}
