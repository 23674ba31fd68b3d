// The two faults, each during steady generated traffic: kill -9 of the server, and a restart of
// its PostgreSQL. Shared by the integration tests (short) and `npm run soak` (long).
import pg from "pg";
import { createBenchDatabase, sleep } from "@/scripts/bench/common";
import { trpc } from "@/scripts/bench/session";
import { applyMigrations } from "@/server/db/migrations";
import { watchBoard, type BoardWatcher } from "@/server/testing/resilience/board";
import type { RunContext } from "@/server/testing/resilience/context";
import { countRun, markStart, renderCounts, type Counts } from "@/server/testing/resilience/counts";
import {
  createDatabaseOn,
  startPrivatePostgres,
} from "@/server/testing/resilience/private-postgres";
import { startStack, type Stack } from "@/server/testing/resilience/stack";

export type FaultOptions = {
  callsPerSecond: number;
  /** Traffic before each fault, seconds. */
  beforeSec: number;
  /** How long the server (or its database) stays down, seconds. */
  downSec: number;
  /** Traffic after the last recovery, seconds. */
  afterSec: number;
  faults: number;
  retryDelaysMs: number[];
  settleTimeoutMs: number;
};

export type BoardCheck = {
  /** realtime:ready seen (1 + reconnections). */
  readyCount: number;
  disconnects: number;
  /** Call updates (call:updated, calls:updated) received after the last reconnection. */
  updatesAfterReconnect: number;
  /** Calls the board still shows as active; the server shows none once everything ended. */
  activeOnBoard: number;
  activeOnServer: number;
  /** Calls whose state on the board differs from the database. */
  mismatched: number;
};

export type FaultReport = {
  counts: Counts;
  /** Lines of the server's output that mean a crash or a bug (unhandled errors, type errors). */
  serverErrors: string[];
  board: BoardCheck;
  /** Fault start until the server answered again, per fault. */
  recoveryMs: number[];
  durationSec: number;
  text: string;
};

const TRAFFIC = { answerRatio: 0.8, meanTalkSec: 1, meanRingSec: 0.3 };
// In the server's output: a process about to die, or a bug the fault brought out.
const CRASH_SIGNS = /unhandled|uncaught|TypeError|ReferenceError|RangeError|ERR_|FATAL/i;

type LiveState = { calls: Array<{ externalId: string; state: string }> };

async function checkBoard(stack: Stack, board: BoardWatcher, stateOf: Map<string, string>) {
  const live = await trpc<LiveState>(
    stack.server.baseUrl,
    stack.adminCookie,
    "calls.live",
    undefined,
    "query",
  );
  let mismatched = 0;
  for (const [id, call] of board.snapshot()) {
    if (stateOf.get(id) !== call.state) mismatched++;
  }
  return {
    readyCount: board.readyCount,
    disconnects: board.disconnects,
    updatesAfterReconnect: board.updatesSinceReady,
    activeOnBoard: board.activeOnBoard().length,
    activeOnServer: live.calls.filter((c) => c.state !== "ENDED").length,
    mismatched,
  };
}

async function callStates(databaseUrl: string): Promise<Map<string, string>> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = await db.query<{ external_id: string; state: string }>(
      "SELECT external_id, state::text AS state FROM calls",
    );
    return new Map(rows.rows.map((r) => [r.external_id, r.state]));
  } finally {
    await db.end();
  }
}

async function finish(
  title: string,
  stack: Stack,
  board: BoardWatcher,
  databaseUrl: string,
  run: { mark: Awaited<ReturnType<typeof markStart>>; started: number; recoveryMs: number[] },
  opts: FaultOptions,
  ctx: RunContext,
  extra: Array<[string, string]>,
): Promise<FaultReport> {
  ctx.phase("traffic stopped; waiting for every call to end and every redelivery to land");
  await stack.setTraffic(null);
  const final = await stack.settle(opts.settleTimeoutMs);
  await sleep(500); // the last pushes are on the wire
  const counts = await countRun(stack, databaseUrl, run.mark, final);
  const boardCheck = await checkBoard(stack, board, await callStates(databaseUrl));
  board.close();
  const durationSec = (Date.now() - run.started) / 1000;
  const serverErrors = stack
    .serverLogs()
    .flatMap((log) => log.split("\n"))
    .filter((line) => CRASH_SIGNS.test(line));
  const text = renderCounts(title, counts, [
    [
      "traffic",
      `${opts.callsPerSecond} calls/s, ${opts.faults} fault(s), down ${opts.downSec} s each`,
    ],
    [
      "recovery (fault → answering again)",
      run.recoveryMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", "),
    ],
    ...extra,
    [
      "board: ready / disconnects / updates after reconnect",
      `${boardCheck.readyCount} / ${boardCheck.disconnects} / ${boardCheck.updatesAfterReconnect}`,
    ],
    [
      "board: active on board / on server / mismatched",
      `${boardCheck.activeOnBoard} / ${boardCheck.activeOnServer} / ${boardCheck.mismatched}`,
    ],
    ["server output: crash signs", String(serverErrors.length)],
    ["run time", `${durationSec.toFixed(1)} s`],
  ]);
  for (const line of serverErrors.slice(0, 10)) console.log(`  server: ${line}`);
  console.log(`\n${text}\n`);
  return {
    counts,
    serverErrors,
    board: boardCheck,
    recoveryMs: run.recoveryMs,
    durationSec,
    text,
  };
}

/** kill -9 of the server during traffic, then a restart on the same port and database. */
export async function runKillScenario(opts: FaultOptions, ctx: RunContext): Promise<FaultReport> {
  const started = Date.now();
  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);
  const stack = await startStack(
    { databaseUrl: database.url, retryDelaysMs: opts.retryDelaysMs },
    ctx,
  );
  const board = await watchBoard(stack.server.baseUrl, stack.adminCookie, ctx);
  const mark = await markStart(stack);
  await stack.setTraffic({ callsPerMinute: opts.callsPerSecond * 60, ...TRAFFIC });
  const recoveryMs: number[] = [];
  for (let i = 0; i < opts.faults; i++) {
    await sleep(opts.beforeSec * 1000);
    ctx.phase(`kill -9 of the server (pid ${stack.server.pid})`);
    const killedAt = Date.now();
    await stack.kill();
    await sleep(opts.downSec * 1000);
    ctx.phase("starting the server again");
    await stack.restart();
    recoveryMs.push(Date.now() - killedAt);
    await board.waitForReady(i + 2, 30_000);
    ctx.phase("the board reconnected and resynced");
  }
  await sleep(opts.afterSec * 1000);
  return finish(
    "kill -9 of the server during traffic",
    stack,
    board,
    database.url,
    { mark, started, recoveryMs },
    opts,
    ctx,
    [],
  );
}

type HealthTally = Record<string, number>;

/** Polls /api/health for `ms`; tallies the answers ("200", "503", "error"). */
async function pollHealth(baseUrl: string, ms: number, tally: HealthTally): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const key = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
      async (res) => (await res.arrayBuffer(), String(res.status)),
      () => "error",
    );
    tally[key] = (tally[key] ?? 0) + 1;
    await sleep(200);
  }
}

/** PostgreSQL stops (fast shutdown) during traffic and comes back; the server must stay up. */
export async function runPostgresRestartScenario(
  opts: FaultOptions,
  ctx: RunContext,
): Promise<FaultReport & { serverSurvived: boolean; health: HealthTally }> {
  const started = Date.now();
  const postgres = await startPrivatePostgres(ctx);
  const databaseUrl = await createDatabaseOn(postgres, "pult_resilience");
  await applyMigrations(databaseUrl);
  const stack = await startStack({ databaseUrl, retryDelaysMs: opts.retryDelaysMs }, ctx);
  const pid = stack.server.pid;
  const board = await watchBoard(stack.server.baseUrl, stack.adminCookie, ctx);
  const mark = await markStart(stack);
  await stack.setTraffic({ callsPerMinute: opts.callsPerSecond * 60, ...TRAFFIC });
  const recoveryMs: number[] = [];
  const health: HealthTally = {};
  for (let i = 0; i < opts.faults; i++) {
    await sleep(opts.beforeSec * 1000);
    ctx.phase("stopping PostgreSQL (fast shutdown)");
    const stoppedAt = Date.now();
    await postgres.stop();
    await pollHealth(stack.server.baseUrl, opts.downSec * 1000, health);
    ctx.phase("starting PostgreSQL again");
    await postgres.start();
    for (;;) {
      const res = await fetch(`${stack.server.baseUrl}/api/health`).catch(() => null);
      if (res?.ok) break;
      if (Date.now() - stoppedAt > 120_000) throw new Error("the server did not recover in 2 min");
      await sleep(100);
    }
    recoveryMs.push(Date.now() - stoppedAt);
  }
  await sleep(opts.afterSec * 1000);
  const serverSurvived =
    stack.server.pid === pid &&
    stack.server.child.exitCode === null &&
    stack.server.child.signalCode === null;
  const tally = Object.entries(health)
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ");
  const report = await finish(
    "PostgreSQL restart during traffic",
    stack,
    board,
    databaseUrl,
    { mark, started, recoveryMs },
    opts,
    ctx,
    [
      ["/api/health while PostgreSQL was down", tally],
      ["server process survived (same pid)", serverSurvived ? `yes (${pid})` : "NO"],
    ],
  );
  return { ...report, serverSurvived, health };
}

export type GapOptions = {
  callsPerSecond: number;
  beforeSec: number;
  /** Traffic goes on while the server is down, this long; then it stops. */
  downSec: number;
  /** The simulator's retries (short, so they run out while the server is down). */
  retryDelaysMs: number[];
  /** Pult's PULT_PBX_RETRY_SEC, matching the short retries. */
  retryWindowSec: number;
  settleTimeoutMs: number;
};

type FeedRow = {
  gap_since: Date | null;
  last_reconciled_at: Date | null;
  filled_calls: number;
  last_error: string | null;
};

/**
 * Downtime longer than the PBX's retries: the server is killed during traffic and stays down
 * until the simulator gave up on what it sent meanwhile. After the restart the feed watch sees
 * the silence, and the reconcile fills the lost calls in from getCalls, each exactly once.
 */
export async function runGapScenario(
  opts: GapOptions,
  ctx: RunContext,
): Promise<FaultReport & { feed: FeedRow }> {
  const started = Date.now();
  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);
  const stack = await startStack(
    {
      databaseUrl: database.url,
      retryDelaysMs: opts.retryDelaysMs,
      pultEnv: { PULT_PBX_RETRY_SEC: String(opts.retryWindowSec) },
    },
    ctx,
  );
  const board = await watchBoard(stack.server.baseUrl, stack.adminCookie, ctx);
  const mark = await markStart(stack);
  await stack.setTraffic({ callsPerMinute: opts.callsPerSecond * 60, ...TRAFFIC });
  await sleep(opts.beforeSec * 1000);
  ctx.phase(`kill -9 of the server (pid ${stack.server.pid}); traffic goes on`);
  const killedAt = Date.now();
  await stack.kill();
  await sleep(opts.downSec * 1000);
  await stack.setTraffic(null);
  // Every call placed meanwhile ends, and the simulator gives up on its notifications.
  const retriesMs = opts.retryDelaysMs.reduce((sum, ms) => sum + ms, 0);
  await sleep(Math.max(retriesMs, opts.retryWindowSec * 1000) + 4000);
  ctx.phase("starting the server again");
  await stack.restart();
  const recoveryMs = [Date.now() - killedAt];
  await board.waitForReady(2, 30_000);
  const feed = await waitForReconcile(database.url, killedAt, 60_000);
  ctx.phase(`reconciled: ${feed.filled_calls} call(s) filled in`);
  const report = await finish(
    "downtime longer than the PBX's retries, then reconcile",
    stack,
    board,
    database.url,
    { mark, started, recoveryMs },
    { ...opts, faults: 1, afterSec: 0, callsPerSecond: opts.callsPerSecond },
    ctx,
    [
      ["PBX retries / Pult's PULT_PBX_RETRY_SEC", `${retriesMs} ms / ${opts.retryWindowSec} s`],
      [
        "feed: gap after reconcile / calls filled",
        `${feed.gap_since ? "open" : "closed"} / ${feed.filled_calls}`,
      ],
    ],
  );
  return { ...report, feed };
}

async function waitForReconcile(databaseUrl: string, after: number, timeoutMs: number) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await db.query<FeedRow>(
        "SELECT gap_since, last_reconciled_at, filled_calls, last_error FROM feed_states",
      );
      const row = rows[0];
      const isDone =
        row?.last_reconciled_at && row.last_reconciled_at.getTime() > after && !row.gap_since;
      if (row && isDone) return row;
      if (Date.now() > deadline)
        throw new Error(`no reconcile after the restart: ${JSON.stringify(row ?? null)}`);
      await sleep(250);
    }
  } finally {
    await db.end();
  }
}
