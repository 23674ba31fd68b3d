import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isEmbeddedTestMode } from "@/server/testing/test-database";
import { createRunContext, type RunContext } from "@/server/testing/resilience/context";
import { findPostgresBin } from "@/server/testing/resilience/private-postgres";
import { runFoldCrashScenario } from "@/server/testing/resilience/fold-crash";
import { runKillScenario, runPostgresRestartScenario } from "@/server/testing/resilience/scenarios";
import { ensureProductionBuild } from "@/server/testing/resilience/stack";
import { runStaleCallsScenario } from "@/server/testing/resilience/stale-calls";

// Faults during steady traffic from the standalone simulator against the production server (as
// `npm start` runs it). One file, so the two never compete for the CPU with each other.
// - kill -9 of the server, then a restart: every acknowledged notification is stored exactly
//   once, the simulator's redeliveries bring the rest, and a Socket.IO client reconnects to a
//   board that matches the database.
// - PostgreSQL stops (fast shutdown) and starts again: Pult answers 503 meanwhile, its process
//   survives, and the redeliveries make the database complete. The cluster is the test's own
//   (never the shared server); without the PostgreSQL binaries the test fails.
// On a PostgreSQL server only: the embedded store is a different process model.

const RETRIES_MS = [500, 1000, 2000, 4000, 8000, 15_000];

let ctx: RunContext;
beforeAll(async () => {
  ctx = createRunContext("faults");
  await ensureProductionBuild();
}, 300_000);
afterAll(async () => {
  await ctx?.cleanup();
}, 60_000);

describe.skipIf(isEmbeddedTestMode())("kill -9 of the server during traffic", () => {
  it("loses and duplicates nothing, and the board recovers after reconnecting", async () => {
    const report = await runKillScenario(
      {
        callsPerSecond: 4,
        beforeSec: 5,
        downSec: 2,
        afterSec: 4,
        faults: 1,
        retryDelaysMs: RETRIES_MS,
        settleTimeoutMs: 40_000,
      },
      ctx,
    );
    const { counts, board } = report;
    expect(report.serverErrors).toEqual([]);
    expect(counts.sent).toBeGreaterThan(60);
    expect(counts).toMatchObject({
      lost: 0,
      duplicated: 0,
      givenUp: 0,
      callsMissing: 0,
      callsNotEnded: 0,
      callsWrongResult: 0,
      callsWrongNumbers: 0,
      callsReconciled: 0,
    });
    expect(counts.acknowledged).toBe(counts.sent);
    expect(counts.stored).toBe(counts.sent);
    // The kill really cut deliveries off: some only landed on a redelivery.
    expect(counts.attemptOutcomes.error ?? 0).toBeGreaterThan(0);
    expect(counts.redelivered).toBeGreaterThan(0);
    expect(board).toMatchObject({
      readyCount: 2,
      activeOnBoard: 0,
      activeOnServer: 0,
      mismatched: 0,
    });
    expect(board.disconnects).toBeGreaterThanOrEqual(1);
    expect(board.updatesAfterReconnect).toBeGreaterThan(0);
    // Typically 30–40 s; the limit leaves room for a loaded machine (two cores, a cold Next).
  }, 180_000);
});

describe.skipIf(isEmbeddedTestMode())("kill -9 between the inbox commit and the fold", () => {
  it("folds every acknowledged notification exactly once after the restart", async () => {
    const report = await runFoldCrashScenario(
      { callsPerSecond: 4, trafficSec: 5, retryDelaysMs: RETRIES_MS, settleTimeoutMs: 40_000 },
      ctx,
    );
    const { counts } = report;
    expect(counts.sent).toBeGreaterThan(40);
    // Everything was acknowledged and durable while the fold was held: nothing folded yet.
    expect(counts.acknowledged).toBe(counts.sent);
    expect(report.storedBeforeKill).toBeGreaterThan(40);
    expect(report.processedBeforeKill).toBe(0);
    // After the restart: all of it folded, once, into the PBX's final state of every call.
    expect(report.unprocessedAfter).toBe(0);
    expect(counts).toMatchObject({
      lost: 0,
      duplicated: 0,
      givenUp: 0,
      callsMissing: 0,
      callsNotEnded: 0,
      callsWrongResult: 0,
      callsWrongNumbers: 0,
    });
    expect(counts.stored).toBe(counts.sent);
    expect(report.missedWithoutTask).toBe(0);
    expect(report.doubledTasks).toBe(0);
  }, 180_000);
});

describe.skipIf(isEmbeddedTestMode())("kill -9 of the server and the PBX mid-call", () => {
  it("leaves no call in progress that the PBX does not have, and no manager busy", async () => {
    const report = await runStaleCallsScenario(
      { callsPerSecond: 2, trafficSec: 3, healWithinMs: 60_000 },
      ctx,
    );
    expect(report.inProgressAtKill).toBeGreaterThanOrEqual(3);
    expect(report.leftInProgress).toBe(0);
    expect(report.healedAfterSec).toBeLessThan(60);
    expect(report.busyManagers).toBe(0);
    expect(report.closedCalls).toBe(report.inProgressAtKill);
  }, 180_000);
});

describe.skipIf(isEmbeddedTestMode())("PostgreSQL restart during traffic", () => {
  it("has the PostgreSQL server binaries to run a private cluster", () => {
    expect(findPostgresBin()).toMatch(/\/bin$/);
  });

  it("answers 503 while the database is down, survives, and stores everything after", async () => {
    const report = await runPostgresRestartScenario(
      {
        callsPerSecond: 4,
        beforeSec: 4,
        downSec: 5,
        afterSec: 4,
        faults: 1,
        retryDelaysMs: RETRIES_MS,
        settleTimeoutMs: 40_000,
      },
      ctx,
    );
    const { counts, board } = report;
    expect(report.serverErrors).toEqual([]);
    expect(report.serverSurvived).toBe(true);
    expect(report.health["503"] ?? 0).toBeGreaterThan(0);
    expect(report.health.error ?? 0).toBe(0);
    expect(counts.attemptOutcomes["503"] ?? 0).toBeGreaterThan(0);
    expect(counts.sent).toBeGreaterThan(60);
    expect(counts).toMatchObject({
      lost: 0,
      duplicated: 0,
      givenUp: 0,
      callsMissing: 0,
      callsNotEnded: 0,
      callsWrongResult: 0,
      callsWrongNumbers: 0,
      callsReconciled: 0,
    });
    expect(counts.acknowledged).toBe(counts.sent);
    expect(counts.stored).toBe(counts.sent);
    expect(counts.redelivered).toBeGreaterThan(0);
    expect(board).toMatchObject({ activeOnBoard: 0, activeOnServer: 0, mismatched: 0 });
    // Typically 30–40 s; the limit leaves room for a loaded machine (two cores, a cold Next).
  }, 180_000);
});
