// kill -9 of the server and the PBX simulator mid-call, then both started again: the simulator
// has forgotten the calls that were in progress, so no end will ever come for them. Within a
// minute of the restart Pult must hold no call in progress that the PBX does not have, and show
// no manager on a call (docs/stale-calls.md).
import pg from "pg";
import { createBenchDatabase, sleep } from "@/scripts/bench/common";
import { trpc } from "@/scripts/bench/session";
import type { RunContext } from "@/server/testing/resilience/context";
import { startStack } from "@/server/testing/resilience/stack";

export type StaleCallsReport = {
  /** Calls in progress in Pult's database at the kill. */
  inProgressAtKill: number;
  /** Seconds from the server's restart until none was left (or the limit). */
  healedAfterSec: number;
  /** Calls still in progress in Pult that the PBX does not have, at the end. */
  leftInProgress: number;
  /** Managers the board shows ringing or talking, at the end. */
  busyManagers: number;
  /** Calls Pult closed, end not reported (feed health). */
  closedCalls: number;
  text: string;
};

// Long conversations: they are all still going when the processes die.
const TRAFFIC = { answerRatio: 1, meanTalkSec: 600, meanRingSec: 0.3 };

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(text)).rows;
  } finally {
    await db.end();
  }
}

type LiveView = { managers: Array<{ activity: "idle" | "ringing" | "talking" }> };
type ActiveList = { calls: Array<{ callId: string }> };

export async function runStaleCallsScenario(
  opts: { callsPerSecond: number; trafficSec: number; healWithinMs: number },
  ctx: RunContext,
): Promise<StaleCallsReport> {
  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);
  const stack = await startStack({ databaseUrl: database.url, retryDelaysMs: [500, 1000] }, ctx);
  await stack.setTraffic({ callsPerMinute: opts.callsPerSecond * 60, ...TRAFFIC });
  await sleep(opts.trafficSec * 1000);
  await stack.setTraffic(null);
  const inProgress = async () =>
    (
      await query<{ external_id: string }>(
        database.url,
        `SELECT external_id FROM calls WHERE state <> 'ENDED'`,
      )
    ).map((r) => r.external_id);
  const atKill = await inProgress();
  ctx.phase(`kill -9 of the server and the simulator with ${atKill.length} calls in progress`);
  await stack.kill();
  await stack.killSimulator();

  ctx.phase("starting the simulator and the server again");
  await stack.restartSimulator();
  await stack.restart();
  const restartedAt = Date.now();
  // The restarted PBX knows none of Pult's tokens: the administrator connects again.
  await stack.reconnect();
  const pbxActive = async () =>
    new Set((await stack.sim<ActiveList>("/control/calls?active=1")).calls.map((c) => c.callId));
  let left: string[] = [];
  while (Date.now() - restartedAt < opts.healWithinMs) {
    const active = await pbxActive();
    left = (await inProgress()).filter((id) => !active.has(id));
    if (left.length === 0) break;
    await sleep(500);
  }
  const healedAfterSec = (Date.now() - restartedAt) / 1000;
  const live = await trpc<LiveView>(
    stack.server.baseUrl,
    stack.adminCookie,
    "calls.live",
    undefined,
    "query",
  );
  const [feed] = await query<{ closed_calls: number }>(
    database.url,
    `SELECT closed_calls FROM feed_states`,
  );
  const report = {
    inProgressAtKill: atKill.length,
    healedAfterSec,
    leftInProgress: left.length,
    busyManagers: live.managers.filter((m) => m.activity !== "idle").length,
    closedCalls: feed?.closed_calls ?? 0,
  };
  const text = [
    "kill -9 of the server and the simulator mid-call",
    `| calls in progress at the kill | ${report.inProgressAtKill} |`,
    `| healed after | ${healedAfterSec.toFixed(1)} s |`,
    `| left in progress that the PBX does not have | ${report.leftInProgress} |`,
    `| managers shown busy | ${report.busyManagers} |`,
    `| calls closed, end not reported | ${report.closedCalls} |`,
  ].join("\n");
  console.log(`\n${text}\n`);
  return { ...report, text };
}
