// `npm run soak`: the long resilience runs (issue 8). The same scenarios as the integration
// tests in server/testing/resilience, with more traffic, several faults and the PBX's longer
// retry schedule: kill -9 of the server, PostgreSQL restarts (a private cluster, never the
// shared server) and downtime past the PBX's retries with gap reconciliation. Prints the count
// tables; exits 1 when anything was lost or duplicated.
import { parseArgs } from "node:util";
import { createRunContext } from "@/server/testing/resilience/context";
import type { Counts } from "@/server/testing/resilience/counts";
import {
  runGapScenario,
  runKillScenario,
  runPostgresRestartScenario,
  type FaultOptions,
} from "@/server/testing/resilience/scenarios";
import { ensureProductionBuild } from "@/server/testing/resilience/stack";

const SCENARIOS = ["kill", "postgres", "gap"] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    rate: { type: "string", default: "6" },
    faults: { type: "string", default: "3" },
    "before-sec": { type: "string", default: "20" },
    "after-sec": { type: "string", default: "20" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(`npm run soak -- [--scenario all|${SCENARIOS.join("|")}] [--rate 6] [--faults 3]
                    [--before-sec 20] [--after-sec 20]
  kill      kill -9 of the server during traffic, restart (down 5 s each)
  postgres  PostgreSQL fast shutdown during traffic, start again (down 20 s each)
  gap       server down past the PBX's retries; the reconcile fills in the lost calls`);
  process.exit(0);
}

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const chosen: Scenario[] =
  values.scenario === "all" ? [...SCENARIOS] : SCENARIOS.filter((s) => s === values.scenario);
if (chosen.length === 0) {
  console.error(`--scenario must be all, ${SCENARIOS.join(", ")}; got "${values.scenario}"`);
  process.exit(2);
}
const rate = positive("rate", values.rate);
const faults = Math.round(positive("faults", values.faults));
const beforeSec = positive("before-sec", values["before-sec"]);
const afterSec = positive("after-sec", values["after-sec"]);

// The PBX's schedule up to 2 minutes (the 10-minute step would only make the run longer).
const PBX_RETRIES = [1000, 5000, 30_000, 120_000];

function violations(counts: Counts, expectAllAcked: boolean): string[] {
  const problems: string[] = [];
  if (counts.lost > 0) problems.push(`${counts.lost} acknowledged notification(s) not stored`);
  if (counts.duplicated > 0) problems.push(`${counts.duplicated} duplicate(s)`);
  if (expectAllAcked && counts.givenUp > 0) problems.push(`${counts.givenUp} never acknowledged`);
  if (counts.callsMissing > 0) problems.push(`${counts.callsMissing} call(s) missing`);
  if (counts.callsNotEnded > 0) problems.push(`${counts.callsNotEnded} call(s) not ended`);
  if (counts.callsWrongResult > 0) problems.push(`${counts.callsWrongResult} wrong result(s)`);
  if (counts.callsWrongNumbers > 0) problems.push(`${counts.callsWrongNumbers} wrong numbers`);
  return problems;
}

async function runOne(scenario: Scenario): Promise<string[]> {
  const ctx = createRunContext(`soak ${scenario}`);
  try {
    const fault = (downSec: number): FaultOptions => ({
      callsPerSecond: rate,
      beforeSec,
      downSec,
      afterSec,
      faults,
      retryDelaysMs: PBX_RETRIES,
      settleTimeoutMs: 300_000,
    });
    if (scenario === "kill") {
      const report = await runKillScenario(fault(5), ctx);
      const problems = violations(report.counts, true);
      if (report.board.activeOnBoard > 0 || report.board.mismatched > 0)
        problems.push("the board disagrees with the database");
      return problems;
    }
    if (scenario === "postgres") {
      const report = await runPostgresRestartScenario(fault(20), ctx);
      const problems = violations(report.counts, true);
      if (!report.serverSurvived) problems.push("the server process did not survive");
      if (report.board.activeOnBoard > 0 || report.board.mismatched > 0)
        problems.push("the board disagrees with the database");
      return problems;
    }
    const report = await runGapScenario(
      {
        callsPerSecond: rate,
        beforeSec,
        downSec: 15,
        retryDelaysMs: [500, 1000, 2000],
        retryWindowSec: 5,
        settleTimeoutMs: 300_000,
      },
      ctx,
    );
    const problems = violations(report.counts, false);
    if (report.counts.givenUp === 0) problems.push("no notification was lost: no gap to fill");
    if (report.counts.callsReconciled === 0) problems.push("the reconcile filled nothing in");
    return problems;
  } finally {
    await ctx.cleanup();
  }
}

let failed = false;
const stop = () => {
  console.error("\ninterrupted");
  process.exit(130);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

await ensureProductionBuild();
for (const scenario of chosen) {
  const started = Date.now();
  const problems = await runOne(scenario).catch((error: unknown) => [
    error instanceof Error ? error.message : String(error),
  ]);
  const took = ((Date.now() - started) / 1000).toFixed(0);
  if (problems.length > 0) {
    failed = true;
    console.error(`✗ ${scenario} (${took} s): ${problems.join("; ")}`);
  } else {
    console.log(`✓ ${scenario} (${took} s): nothing lost, nothing duplicated`);
  }
}
process.exit(failed ? 1 : 0);
