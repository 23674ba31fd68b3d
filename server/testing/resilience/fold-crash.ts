// kill -9 between the inbox commit and the fold: the server acknowledges every notification
// (durable in the inbox) while its fold is held back, dies, and starts again without the hold.
// Every acknowledged notification must then be folded exactly once: marked processed, each call
// in the PBX's final state, one callback task per missed number.
import pg from "pg";
import { createBenchDatabase, sleep } from "@/scripts/bench/common";
import type { RunContext } from "@/server/testing/resilience/context";
import { countRun, markStart, renderCounts, type Counts } from "@/server/testing/resilience/counts";
import { startStack } from "@/server/testing/resilience/stack";

export type FoldCrashReport = {
  counts: Counts;
  /** Before the kill: stored rows, and how many of them the held fold had processed. */
  storedBeforeKill: number;
  processedBeforeKill: number;
  /** After the restart: acknowledged rows still unprocessed (must be 0). */
  unprocessedAfter: number;
  /** Missed incoming calls with no callback task link, and numbers with two open tasks. */
  missedWithoutTask: number;
  doubledTasks: number;
  text: string;
};

const TRAFFIC = { answerRatio: 0.6, meanTalkSec: 1, meanRingSec: 0.3 };
// Longer than the run: the first server acknowledges but folds nothing.
const HOLD_FOLD_MS = "600000";

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(text)).rows;
  } finally {
    await db.end();
  }
}

export async function runFoldCrashScenario(
  opts: {
    callsPerSecond: number;
    trafficSec: number;
    retryDelaysMs: number[];
    settleTimeoutMs: number;
  },
  ctx: RunContext,
): Promise<FoldCrashReport> {
  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);
  const stack = await startStack(
    {
      databaseUrl: database.url,
      retryDelaysMs: opts.retryDelaysMs,
      pultEnv: { PULT_FAULT_FOLD_DELAY_MS: HOLD_FOLD_MS },
    },
    ctx,
  );
  const mark = await markStart(stack);
  await stack.setTraffic({ callsPerMinute: opts.callsPerSecond * 60, ...TRAFFIC });
  await sleep(opts.trafficSec * 1000);
  ctx.phase("traffic stopped; waiting until the PBX has every notification acknowledged");
  await stack.setTraffic(null);
  await stack.settle(opts.settleTimeoutMs);
  const [before] = await query<{ stored: number; processed: number }>(
    database.url,
    `SELECT count(*)::int AS stored, count(processed_at)::int AS processed FROM call_events
     WHERE type <> 'settingsChanged'`,
  );
  ctx.phase(
    `kill -9 of the server (pid ${stack.server.pid}) with ${before?.stored ?? 0} events unfolded`,
  );
  await stack.kill();
  ctx.phase("starting the server again, fold not held");
  await stack.restart({ PULT_FAULT_FOLD_DELAY_MS: "0" });
  const deadline = Date.now() + opts.settleTimeoutMs;
  let unprocessedAfter = -1;
  while (Date.now() < deadline) {
    const [row] = await query<{ n: number }>(
      database.url,
      `SELECT count(*)::int AS n FROM call_events WHERE processed_at IS NULL`,
    );
    unprocessedAfter = row?.n ?? -1;
    if (unprocessedAfter === 0) break;
    await sleep(250);
  }
  const final = await stack.stats();
  const counts = await countRun(stack, database.url, mark, final);
  const [tasks] = await query<{ missed_without_task: number; doubled: number }>(
    database.url,
    `SELECT
       (SELECT count(*)::int FROM calls c WHERE c.direction = 'IN' AND c.state = 'ENDED'
          AND c.answered_at IS NULL AND NOT c.is_click_to_call AND c.result IN ('MISSED', 'BUSY')
          AND NOT EXISTS (SELECT 1 FROM task_calls tc WHERE tc.call_id = c.id)) AS missed_without_task,
       (SELECT count(*)::int FROM (SELECT phone FROM tasks WHERE kind = 'CALLBACK' AND status = 'OPEN'
          GROUP BY tenant_id, phone HAVING count(*) > 1) d) AS doubled`,
  );
  const report = {
    counts,
    storedBeforeKill: before?.stored ?? 0,
    processedBeforeKill: before?.processed ?? 0,
    unprocessedAfter,
    missedWithoutTask: tasks?.missed_without_task ?? -1,
    doubledTasks: tasks?.doubled ?? -1,
  };
  const text = renderCounts("kill -9 between the inbox commit and the fold", counts, [
    [
      "events stored / processed before the kill",
      `${report.storedBeforeKill} / ${report.processedBeforeKill}`,
    ],
    ["unprocessed after the restart", String(unprocessedAfter)],
    [
      "missed calls without a task / doubled open tasks",
      `${report.missedWithoutTask} / ${report.doubledTasks}`,
    ],
  ]);
  console.log(`\n${text}\n`);
  return { ...report, text };
}
