// The routing bench's fixtures: the PBX structure it loads into the simulator, the rules and
// clients it seeds into Pult's database, and reads of the simulator's control API.
import { readFile } from "node:fs/promises";
import pg from "pg";
import type { RoutingBenchOptions } from "@/scripts/bench-routing";
import { BenchError, sleep, type BenchContext } from "@/scripts/bench/common";
import { readCpuSeconds, readRssMb } from "@/scripts/bench/proc";

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
  // A hunt group, as on a real line: a released or timed-out call tries these few in turn. (With
  // every workplace on the route, each such call made a busy redirect per busy workplace.)
  const huntGroup = all.slice(0, 5);
  return {
    workplaces: ws,
    numbers: [
      {
        number: PARKED_NUMBER,
        kind: "city" as const,
        label: "Parked line",
        parking: true,
        workplaceIds: huntGroup,
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

/** The rule every bench call ends in: the personal manager, or asking the CRM for one. */
export const expectedRuleName = (crmBudgetMs: number | null) =>
  crmBudgetMs === null ? "Personal manager" : "Ask the CRM";

/** Rules that are evaluated but do not match the bench's calls, then the default rule last. */
function ruleRows(count: number, groupIds: string[], crmBudgetMs: number | null) {
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
    name: expectedRuleName(crmBudgetMs),
    conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
    action:
      crmBudgetMs === null
        ? { kind: "personalManager" }
        : { kind: "crm", timeoutMs: crmBudgetMs },
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
): Promise<Map<string, string>> {
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
    for (const [position, rule] of ruleRows(
      opts.rules,
      workplaceIds,
      opts.crm?.budgetMs ?? null,
    ).entries()) {
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
    // What the bench's CRM knows: each client phone's personal manager.
    const managers = await db.query<{ e164: string; email: string }>(
      `SELECT p.e164, u.email FROM client_phones p JOIN clients c ON c.id = p.client_id
       JOIN users u ON u.id = c.personal_manager_id WHERE p.tenant_id = $1`,
      [tenantId],
    );
    return new Map(managers.rows.map((r) => [r.e164, r.email]));
  } finally {
    await db.end();
  }
}

// ---- what the bench checks and watches ----

export type SimCall = {
  callId: string;
  from: string;
  parkedAt: string | null;
  decisionAt: string | null;
  decision: { method: string; target?: { workplaceId?: string; number?: string } } | null;
  history: Array<{ event: string; workplaceId?: string }>;
};

type DecisionRow = {
  external_id: string;
  outcome: string;
  target: string | null;
  rule_name: string | null;
  manager_workplace: string | null;
  explanation: Array<{ kind: string; status?: string | null; result?: string }>;
};

export type TargetCheck = {
  /** Pult decided and the PBX recorded the same method and workplace. */
  agreeing: number;
  /** The PBX's decision differs from the one Pult stored. */
  disagreeing: number;
  /** Pult stored no decision (its callStarted came too late, or never). */
  noDecisionAtPult: number;
  toPersonalManager: number;
  /** Known caller whose manager Pult saw busy (or away): the "Everyone" group's pick. */
  managerBusyToGroup: number;
  strangerToGroup: number;
  released: number;
  /** A transfer that matches neither the personal manager nor an explained fallback. */
  wrong: number;
  /** Matched by a rule other than the last one (the 199 others must never match). */
  wrongRule: number;
  /** The CRM answered after the rule's budget: the "Everyone" group's pick. */
  crmLateToGroup: number;
  /** Transferred to a workplace the PBX found busy (Pult's view of busy lagged). */
  targetBusyAtPbx: number;
};

/** Checks each PBX decision against Pult's stored decision and the caller's personal manager. */
export async function checkTargets(
  url: string,
  records: SimCall[],
  crmBudgetMs: number | null = null,
): Promise<TargetCheck> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const rows = await db
    .query<DecisionRow>(
      `SELECT c.external_id, d.outcome, tw.external_id AS target, r.name AS rule_name,
              pw.external_id AS manager_workplace, d.explanation
       FROM routing_decisions d
       JOIN calls c ON c.id = d.call_id
       LEFT JOIN workplaces tw ON tw.id = d.target_workplace_id
       LEFT JOIN routing_rules r ON r.id = d.rule_id
       LEFT JOIN client_phones p ON p.tenant_id = c.tenant_id AND p.e164 = c.from_number
       LEFT JOIN clients cl ON cl.id = p.client_id
       LEFT JOIN users u ON u.id = cl.personal_manager_id
       LEFT JOIN workplaces pw ON pw.id = u.workplace_id
       WHERE c.external_id = ANY($1::text[])`,
      [records.map((r) => r.callId)],
    )
    .finally(() => db.end());
  const byCall = new Map(rows.rows.map((row) => [row.external_id, row]));
  const check: TargetCheck = {
    agreeing: 0,
    disagreeing: 0,
    noDecisionAtPult: 0,
    toPersonalManager: 0,
    managerBusyToGroup: 0,
    strangerToGroup: 0,
    released: 0,
    wrong: 0,
    wrongRule: 0,
    crmLateToGroup: 0,
    targetBusyAtPbx: 0,
  };
  for (const record of records) {
    const row = byCall.get(record.callId);
    const method = record.decision?.method;
    const pbxTarget = record.decision?.target?.workplaceId ?? null;
    const isSame =
      row !== undefined &&
      ((method === "transferCall" &&
        row.outcome === "TRANSFER_WORKPLACE" &&
        row.target === pbxTarget) ||
        (method === "terminateCall" && row.outcome === "RELEASE") ||
        (method === "timeout" && row.outcome === "TIMEOUT"));
    if (!row) check.noDecisionAtPult++;
    else check[isSame ? "agreeing" : "disagreeing"]++;
    if (!row || method !== "transferCall") {
      if (method === "terminateCall") check.released++;
      continue;
    }
    if (row.rule_name !== expectedRuleName(crmBudgetMs)) check.wrongRule++;
    const picked = row.explanation.some((s) => s.kind === "groupPick");
    // Asked by the rule: the personal manager, or the CRM (which names the same manager).
    const asked = row.explanation.find(
      (s) => s.kind === (crmBudgetMs === null ? "personalManager" : "crm"),
    );
    const isUnknown =
      crmBudgetMs === null ? asked?.status === "unknownCaller" : asked?.result === "unknown";
    if (row.manager_workplace !== null && pbxTarget === row.manager_workplace)
      check.toPersonalManager++;
    else if (crmBudgetMs !== null && asked?.result === "timeout" && picked)
      check.crmLateToGroup++;
    else if (row.manager_workplace !== null && asked && asked.status !== "available" && picked)
      check.managerBusyToGroup++;
    else if (row.manager_workplace === null && isUnknown && picked) check.strangerToGroup++;
    else check.wrong++;
    const afterDecision = record.history.findIndex((e) => e.event === "decision");
    const next = record.history[afterDecision + 1];
    if (next?.event === "busy" && next.workplaceId === pbxTarget) check.targetBusyAtPbx++;
  }
  return check;
}

export type ProcessWatch = {
  stop(): Promise<{
    cpuPercent: number;
    peakRssMb: number;
    controlMaxMs: number;
    controlFailures: number;
  }>;
};

/** CPU seconds a process has used (user + system); 0 once it is gone. */
export const cpuSeconds = async (pid: number) => (await readCpuSeconds(pid)) ?? 0;

/**
 * Watches the simulator while calls arrive: its CPU, its peak memory and how long its control
 * API takes to answer (the last run's overloaded simulator stopped answering it).
 */
export async function watchSimulator(pid: number, simUrl: string): Promise<ProcessWatch> {
  const startCpu = await cpuSeconds(pid);
  const startedAt = performance.now();
  let peakRssMb = 0;
  let controlMaxMs = 0;
  let controlFailures = 0;
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      const t = performance.now();
      const ok = await fetch(`${simUrl}/control/stats`, {
        signal: AbortSignal.timeout(5_000),
      }).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      );
      if (ok) controlMaxMs = Math.max(controlMaxMs, performance.now() - t);
      else controlFailures++;
      peakRssMb = Math.max(peakRssMb, (await readRssMb(pid)) ?? 0);
      await sleep(1_000);
    }
  })();
  return {
    async stop() {
      isRunning = false;
      await loop;
      const seconds = (performance.now() - startedAt) / 1000;
      const used = (await cpuSeconds(pid)) - startCpu;
      return { cpuPercent: (100 * used) / seconds, peakRssMb, controlMaxMs, controlFailures };
    },
  };
}

export async function loadAverage(): Promise<string> {
  const text = await readFile("/proc/loadavg", "utf8").catch(() => "");
  return text.split(" ").slice(0, 3).join(" ");
}
