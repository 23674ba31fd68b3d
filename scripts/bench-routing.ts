// The routing benchmark (issue 5): how long a parked call waits for Pult's decision, measured
// where it matters — at the PBX (the simulator's decisionAt − parkedAt) — with 100,000 clients
// and 200 rules, at 50 parked calls per second. After the decision each call lives on: the
// simulated employees answer 9 in 10 rings and talk for a second or two, so Pult also ingests
// every call's delivered/answered/ended/recording notifications, as it would in production.
//   node --import tsx scripts/bench-routing.ts [--rate 50] [--duration 20] [--clients 100000]
//     [--rules 200] [--workplaces 200] [--port 3198] [--json <file>]
// Exports runRoutingBench(opts, ctx) so `npm run bench` can run it as a suite.
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { startBenchSimulator } from "@/scripts/bench/calls-traffic";
import {
  BenchError,
  createBenchDatabase,
  mapLimit,
  percentile,
  renderTable,
  sleep,
  startPult,
  type BenchContext,
  type SuiteReport,
} from "@/scripts/bench/common";
import { connectToSimulator, signIn, trpc } from "@/scripts/bench/session";
import { startCrmStub } from "@/scripts/bench/crm-stub";
import {
  PARKED_NUMBER,
  checkTargets,
  clientPhone,
  cpuSeconds,
  loadAverage,
  structure,
  simJson,
  readWithRetry,
  seed,
  watchSimulator,
  type SimCall,
} from "@/scripts/bench/routing-setup";

export type RoutingBenchOptions = {
  rate: number;
  durationSec: number;
  clients: number;
  rules: number;
  workplaces: number;
  port: number;
  /**
   * Route by asking a CRM stub (scripts/bench/crm-stub.ts) instead of the personal-manager rule:
   * it answers in answerMs with the caller's manager, every tenth answer after the budget.
   */
  crm: { answerMs: number; budgetMs: number } | null;
};

export const routingBenchDefaults: RoutingBenchOptions = {
  rate: 50,
  durationSec: 20,
  clients: 100_000,
  rules: 200,
  // A call occupies its workplace about 2 s (ring + talk): 50 calls/s keep ~100 of them busy,
  // so about half of the personal managers are free and the other half go to the fallback.
  workplaces: 200,
  port: 3198,
  crm: null,
};

// How the simulated employees treat the bench's calls (POST /control/traffic, no generated calls).
const EMPLOYEES = { callsPerMinute: 0, answerRatio: 0.9, meanRingSec: 0.3, meanTalkSec: 1 };

export async function runRoutingBench(
  opts: RoutingBenchOptions,
  ctx: BenchContext,
): Promise<SuiteReport> {
  const admin = {
    email: "rb-admin@pult.test",
    password: `bench-${randomBytes(9).toString("hex")}`,
  };
  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);

  const simulator = await startBenchSimulator(
    // Unanswered calls give up quickly so workplaces free up again during the run.
    { workplaces: opts.workplaces, structure: structure(opts.workplaces), ringTimeoutMs: 1000 },
    ctx,
  );
  const simUrl = simulator.url;
  await simJson(simUrl, "/control/traffic", { method: "POST", body: JSON.stringify(EMPLOYEES) });

  ctx.phase(`starting the production server on port ${opts.port}`);
  const server = await startPult(
    {
      port: opts.port,
      admin,
      env: {
        DATABASE_URL: database.url,
        PULT_SECRET: randomBytes(32).toString("hex"),
        // The CRM stub listens on loopback.
        ...(opts.crm ? { PULT_WEBHOOK_ALLOW_PRIVATE: "true" } : {}),
      },
    },
    ctx,
  );
  const base = server.baseUrl;
  const cookie = await signIn(base, admin.email, admin.password);
  await connectToSimulator(
    {
      baseUrl: base,
      cookie,
      simUrl,
      credentials: simulator.credentials,
      workplaces: opts.workplaces,
      syncTimeoutMs: 120_000,
    },
    ctx,
  );

  const emailByPhone = await seed(database.url, opts, ctx);
  const crm = opts.crm
    ? await startCrmStub({
        answerMs: opts.crm.answerMs,
        lateMs: opts.crm.budgetMs + 300,
        lateEvery: 10,
        emailByPhone,
      })
    : null;
  const stopCrm = ctx.onCleanup(() => crm?.close());
  if (crm) {
    ctx.phase(`the CRM at ${crm.url} answers in ${opts.crm?.answerMs} ms, every tenth too late`);
    await trpc(base, cookie, "webhooks.saveCrmLookup", { url: crm.url });
  }
  // The test panel builds the snapshot (100,000 phones) before traffic, as the first call would.
  ctx.phase("warming the routing snapshot");
  const warmStart = performance.now();
  await trpc(base, cookie, "routing.test", {
    caller: clientPhone(1),
    dialed: PARKED_NUMBER,
    at: "",
  });
  const snapshotLoadMs = performance.now() - warmStart;

  const total = Math.round(opts.rate * opts.durationSec);
  ctx.phase(`placing ${total} parked calls at ${opts.rate}/s for ${opts.durationSec} s`);
  const callIds: string[] = [];
  let notPlaced = 0;
  const loadBefore = await loadAverage();
  const watch = await watchSimulator(simulator.handle.pid, simUrl);
  const pultCpuBefore = await cpuSeconds(server.pid);
  const startedAt = performance.now();
  const placing: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = startedAt + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // Nine in ten callers are known clients; the rest are strangers.
    const from =
      i % 10 === 9
        ? `+7911${String(i).padStart(7, "0")}`
        : clientPhone(1 + Math.floor(Math.random() * opts.clients));
    placing.push(
      simJson<{ callId: string }>(simUrl, "/control/calls", {
        method: "POST",
        body: JSON.stringify({ from, to: PARKED_NUMBER, isTraffic: true }),
      }).then(
        ({ callId }) => void callIds.push(callId),
        // An overloaded simulator refusing a call is a result, not a reason to abort the run.
        () => void notPlaced++,
      ),
    );
  }
  await Promise.all(placing);
  ctx.phase("waiting for the last parks to resolve and the PBX's notifications to drain");
  await sleep(6_000);
  // A receiver that fell behind still gets every callStarted; wait (up to a minute) so that its
  // late decisions, and the 1002s they earn, are counted.
  for (let waited = 0; waited < 60_000; waited += 1_000) {
    const stats = await simJson<{ notifications: { pending: number } }>(simUrl, "/control/stats");
    if (stats.notifications.pending === 0) break;
    await sleep(1_000);
  }
  await sleep(1_000);
  const pultCpuPercent =
    (((await cpuSeconds(server.pid)) - pultCpuBefore) / ((performance.now() - startedAt) / 1000)) *
    100;
  const simLoad = await watch.stop();
  const loadAfter = await loadAverage();
  const simStats = await simJson<{ notifications: Record<string, unknown> }>(
    simUrl,
    "/control/stats",
  );

  const records = await mapLimit(callIds, 16, (id) =>
    readWithRetry(() => simJson<SimCall>(simUrl, `/control/calls/${id}`)),
  );
  const waits = records
    .filter((r) => r.decision && r.decision.method !== "timeout" && r.parkedAt && r.decisionAt)
    .map((r) => Date.parse(r.decisionAt ?? "") - Date.parse(r.parkedAt ?? ""))
    .sort((a, b) => a - b);
  const timedOut = records.filter((r) => r.decision?.method === "timeout").length;
  const undecided = records.filter((r) => !r.decision).length;
  const byMethod = new Map<string, number>();
  for (const r of records) {
    const key = r.decision?.method ?? "none";
    byMethod.set(key, (byMethod.get(key) ?? 0) + 1);
  }

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const outcomes = await db.query<{ outcome: string; n: string; p50: number; p99: number }>(
    `SELECT outcome, count(*) AS n,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY decided_in_ms) AS p50,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY decided_in_ms) AS p99
     FROM routing_decisions GROUP BY outcome ORDER BY outcome`,
  );
  await db.end();
  const pultTimeouts = Number(outcomes.rows.find((r) => r.outcome === "TIMEOUT")?.n ?? 0);
  const board = await trpc<{ count: number }>(
    base,
    cookie,
    "routing.parkExpiredToday",
    undefined,
    "query",
  );
  const targets = await checkTargets(database.url, records, opts.crm?.budgetMs ?? null);
  stopCrm();
  await crm?.close();

  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const summary = {
    calls: records.length,
    decided: waits.length,
    p50Ms: percentile(waits, 50),
    p95Ms: percentile(waits, 95),
    p99Ms: percentile(waits, 99),
    maxMs: waits.at(-1) ?? 0,
    parkTimeouts: timedOut,
    pbx1002: pultTimeouts,
    boardParkExpired: board.count,
    undecided,
    notPlaced,
    snapshotLoadMs: Math.round(snapshotLoadMs),
    loadAverage: { before: loadBefore, after: loadAfter },
    simulator: { ...simLoad, notifications: simStats.notifications },
    pultCpuPercent,
    targets,
  };
  return {
    tables: [
      {
        title: `Routing: parked callStarted → transferCall/terminateCall at the PBX (${opts.rate} calls/s, ${opts.clients} clients, ${opts.rules} rules${opts.crm ? `, asking a CRM that answers in ${opts.crm.answerMs} ms, every tenth after the ${opts.crm.budgetMs} ms budget (${crm?.stats.requests ?? 0} lookups, ${crm?.stats.late ?? 0} late)` : ""})`,
        header: [
          "calls",
          "decided",
          "p50",
          "p95",
          "p99",
          "max",
          "park timeouts",
          "park expired at Pult (1002 or late)",
          "on the board",
          "not placed",
          "snapshot load",
        ],
        rows: [
          [
            String(summary.calls),
            String(summary.decided),
            ms(summary.p50Ms),
            ms(summary.p95Ms),
            ms(summary.p99Ms),
            ms(summary.maxMs),
            String(timedOut),
            String(pultTimeouts),
            String(board.count),
            String(notPlaced),
            ms(snapshotLoadMs),
          ],
        ],
      },
      {
        title:
          "Decisions stored by Pult (decidedInMs: receipt of the notification → the PBX's answer)",
        header: ["outcome", "count", "p50", "p99"],
        rows: outcomes.rows.map((r) => [r.outcome, String(r.n), ms(r.p50), ms(r.p99)]),
      },
      {
        title: "What the PBX recorded",
        header: ["decision", "count"],
        rows: [...byMethod].map(([k, v]) => [k, String(v)]),
      },
      {
        title:
          "Targets: the PBX's decision against Pult's stored one and the caller's personal manager",
        header: Object.keys(targets),
        rows: [Object.values(targets).map(String)],
      },
      {
        title: "Machine and simulator from the first call to the drained queue (2 shared cores)",
        header: [
          "load avg before",
          "load avg after",
          "Pult CPU",
          "simulator CPU",
          "peak RSS",
          "control API max",
          "control API failures",
          "notifications emitted / failed / pending",
        ],
        rows: [
          [
            loadBefore,
            loadAfter,
            `${pultCpuPercent.toFixed(0)} %`,
            `${simLoad.cpuPercent.toFixed(0)} %`,
            `${simLoad.peakRssMb.toFixed(0)} MB`,
            ms(simLoad.controlMaxMs),
            String(simLoad.controlFailures),
            ["emitted", "failed", "pending"]
              .map((key) => String(simStats.notifications[key]))
              .join(" / "),
          ],
        ],
      },
    ],
    json: {
      options: opts,
      ...summary,
      outcomes: outcomes.rows,
      pbxDecisions: Object.fromEntries(byMethod),
    },
  };
}

// ---- standalone: node --import tsx scripts/bench-routing.ts ----

function standaloneContext(): { ctx: BenchContext; teardown: () => Promise<void> } {
  const cleanups: Array<() => Promise<void> | void> = [];
  const ctx: BenchContext = {
    phase: (message) => console.log(`[routing] ${message}`),
    onCleanup(fn) {
      cleanups.push(fn);
      return () => {
        const i = cleanups.indexOf(fn);
        if (i >= 0) cleanups.splice(i, 1);
      };
    },
  };
  const teardown = async () => {
    while (cleanups.length > 0) await Promise.resolve(cleanups.pop()?.()).catch(() => undefined);
  };
  return { ctx, teardown };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: "string" },
      duration: { type: "string" },
      clients: { type: "string" },
      rules: { type: "string" },
      workplaces: { type: "string" },
      port: { type: "string" },
      json: { type: "string" },
    },
  });
  const num = (name: string, v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new BenchError(`--${name} must be a positive number`);
    return n;
  };
  const d = routingBenchDefaults;
  const opts: RoutingBenchOptions = {
    rate: num("rate", values.rate, d.rate),
    durationSec: num("duration", values.duration, d.durationSec),
    clients: Math.round(num("clients", values.clients, d.clients)),
    rules: Math.max(1, Math.round(num("rules", values.rules, d.rules))),
    workplaces: Math.round(num("workplaces", values.workplaces, d.workplaces)),
    port: Math.round(num("port", values.port, d.port)),
    crm: null,
  };
  const { ctx, teardown } = standaloneContext();
  process.once("SIGINT", () => void teardown().then(() => process.exit(130)));
  try {
    const report = await runRoutingBench(opts, ctx);
    console.log("");
    for (const table of report.tables) console.log(`${renderTable(table)}\n`);
    if (values.json) await writeFile(values.json, `${JSON.stringify(report.json, null, 2)}\n`);
  } finally {
    await teardown();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    console.error(error instanceof BenchError ? error.message : error);
    process.exit(1);
  });
}
