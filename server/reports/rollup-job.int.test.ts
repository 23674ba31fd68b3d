import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, Prisma } from "@/server/db";
import { jobHandlers } from "@/server/jobs/handlers";
import { enqueueRecurringJob } from "@/server/jobs/queue";
import { startJobWorker } from "@/server/jobs/worker";
import { updateTenant } from "@/server/tenants/settings";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { localToday } from "@/server/reports/options";
import { createManagers, seedCallHistory } from "@/server/reports/test-history";
import { buildManagerReport, buildReportSeries, getReportScope } from "@/server/reports/queries";
import { buildTenantRollups, ROLLUP_CHUNK_DAYS } from "@/server/reports/rollup-job";
import { ROLLUP_BUILD_EVERY_MS, ROLLUP_BUILD_QUEUE } from "@/server/reports/rollup-queue";
import { dayBefore } from "@/server/reports/rollup-refresh";
import { LIVE_DAYS, ROLLUP_COLUMNS, rollupSelect } from "@/server/reports/rollups";
import { actorOf } from "@/server/testing/actors";

// The background build stores every settled day ahead of the reports: afterwards a report builds
// nothing, and what the job stored equals the rollups computed straight from the calls.

let fx: TenantFixture;
let tz = "Asia/Vladivostok";
const people: string[] = [];
const DAY = 86_400_000;
const now = Date.now();
const ago = (days: number) => new Date(now - days * DAY);
const caller = (i: number) => `+7999200${String(i).padStart(4, "0")}`;
const oldMissedIds: string[] = [];

async function seedHistory() {
  // 100 days of history: more than three chunks of settled days, and the live ones.
  const seeded = await seedCallHistory({
    tenantId: fx.tenantId,
    managers: people,
    caller,
    seed: 11,
    calls: 600,
    daysAgo: (r) => r * 100,
    externalPrefix: "j",
  });
  for (const call of seeded.calls) {
    if (call.direction === "IN" && !call.answered && call.startedAt.getTime() < ago(20).getTime())
      oldMissedIds.push(call.id);
  }
}

const lastStored = () => dayBefore(localToday(tz), LIVE_DAYS);
const firstStored = () => dayBefore(lastStored(), 365);

/** What a report build would change: any build inserts rows and days with a fresh built_at. */
async function storedState() {
  const [state] = await getDb().$queryRaw<Array<Record<string, unknown>>>`
    SELECT (SELECT count(*)::int FROM report_rollups WHERE tenant_id = ${fx.tenantId}::uuid) AS rows,
      (SELECT max(id)::text FROM report_rollups WHERE tenant_id = ${fx.tenantId}::uuid) AS "maxId",
      (SELECT count(*)::int FROM report_rollup_days WHERE tenant_id = ${fx.tenantId}::uuid) AS days,
      (SELECT max(built_at) FROM report_rollup_days WHERE tenant_id = ${fx.tenantId}::uuid) AS "lastBuilt"`;
  return state;
}

async function storedDays() {
  const days = await getDb().reportRollupDay.findMany({
    where: { tenantId: fx.tenantId },
    orderBy: { day: "asc" },
  });
  return days.map((d) => ({ ...d, day: d.day.toISOString().slice(0, 10) }));
}

// Rows compared field by field; the order of times inside a day's arrays and the last bits of a
// float sum depend on the scan, not on the figures.
function normalize(rows: Array<Record<string, unknown>>) {
  return rows
    .map((row) => {
      const out: Record<string, unknown> = {};
      for (const column of ROLLUP_COLUMNS) {
        const value = row[column];
        if (value instanceof Date) out[column] = value.toISOString().slice(0, 10);
        else if (column === "answer_secs" || column === "callback_secs") {
          out[column] = [...(value as number[])].sort((a, b) => a - b);
        } else if (column === "answer_sec_sum") out[column] = Math.round(Number(value) * 1e6);
        else out[column] = value;
      }
      return out;
    })
    .sort((a, b) =>
      JSON.stringify([a.day, a.kind, a.manager_id, a.number]).localeCompare(
        JSON.stringify([b.day, b.kind, b.manager_id, b.number]),
      ),
    );
}

async function expectStoredExact(label: string) {
  const db = getDb();
  const columns = Prisma.raw(ROLLUP_COLUMNS.join(", "));
  const stored = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${columns} FROM report_rollups WHERE tenant_id = ${fx.tenantId}::uuid`;
  const scope = await getReportScope(fx.tenantId, { from: firstStored(), to: lastStored() });
  const direct = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${columns} FROM (${rollupSelect(scope)}) x`;
  expect(direct.length, label).toBeGreaterThan(100);
  expect(normalize(stored), label).toEqual(normalize(direct));
}

/** A 12-month report (summary and series) builds nothing and equals the direct one. */
async function expectReportBuildsNothing(label: string) {
  const scope = await getReportScope(fx.tenantId, {
    from: dayBefore(localToday(tz), 364),
    to: localToday(tz),
  });
  const before = await storedState();
  const [report, series] = await Promise.all([buildManagerReport(scope), buildReportSeries(scope)]);
  expect(await storedState(), label).toEqual(before);
  expect(report, label).toEqual(await buildManagerReport(scope, { direct: true }));
  const direct = await buildReportSeries(scope, { direct: true });
  expect(series.series, label).toEqual(direct.series);
  expect(series.talk, label).toEqual(direct.talk);
}

/** Runs the queued rollup builds through the real job worker and handler. */
async function runQueuedBuilds() {
  const handler = jobHandlers[ROLLUP_BUILD_QUEUE];
  expect(handler).toBeDefined();
  const worker = startJobWorker({ handlers: { [ROLLUP_BUILD_QUEUE]: handler! }, pollMs: 50 });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pending = await getDb().job.count({
        where: { queue: ROLLUP_BUILD_QUEUE, status: { in: ["QUEUED", "RUNNING"] } },
      });
      if (pending === 0) break;
      if (Date.now() > deadline) throw new Error("rollup build still pending");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await worker.stop();
  }
  const failed = await getDb().job.findMany({
    where: { queue: ROLLUP_BUILD_QUEUE, status: "FAILED" },
    select: { lastError: true },
  });
  expect(failed).toEqual([]);
}

beforeAll(async () => {
  fx = await setUpTenant();
  const db = getDb();
  await db.tenant.update({ where: { id: fx.tenantId }, data: { timeZone: tz } });
  people.push(...(await createManagers(fx.tenantId, "rollup-job.test")));
  await seedHistory();
}, 60_000);

afterAll(async () => {
  await fx?.teardown();
});

describe("background rollup build", () => {
  it("stores a year of settled days, newest first, a bounded chunk per transaction", async () => {
    const chunks = await buildTenantRollups(fx.tenantId);
    expect(chunks.length).toBe(Math.ceil(366 / ROLLUP_CHUNK_DAYS));
    expect(chunks[0]!.to).toBe(lastStored());
    expect(chunks.at(-1)!.from).toBe(firstStored());
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.from >= dayBefore(chunk.to, ROLLUP_CHUNK_DAYS - 1)).toBe(true);
      expect(chunk.days).toBeLessThanOrEqual(ROLLUP_CHUNK_DAYS);
      if (i > 0) expect(chunk.to).toBe(dayBefore(chunks[i - 1]!.from));
    }
    const days = await storedDays();
    expect(days.length).toBe(366);
    expect(days[0]!.day).toBe(firstStored());
    expect(days.at(-1)!.day).toBe(lastStored());
    expect(new Set(days.map((d) => d.timeZone))).toEqual(new Set([tz]));
    await expectStoredExact("first run");

    // Idempotent: nothing is missing or stale, so a second run builds nothing.
    const before = await storedState();
    expect(await buildTenantRollups(fx.tenantId)).toEqual([]);
    expect(await storedState()).toEqual(before);
  });

  it("leaves a 12-month report nothing to build", async () => {
    await expectReportBuildsNothing("after the job");
  });

  it("rebuilds only the days a late change made stale, through the queue", async () => {
    const db = getDb();
    const old = await db.call.findFirstOrThrow({
      where: { id: { in: oldMissedIds } },
      select: { id: true, startedAt: true },
    });
    const before = await storedDays();
    // A late event answers an old missed call (the trigger writes a mark for its day).
    await db.$executeRaw`UPDATE calls SET answered_at = started_at + interval '5 seconds',
      manager_id = ${people[1]!}::uuid WHERE id = ${old.id}::uuid`;
    expect(await db.reportRollupMark.count({ where: { tenantId: fx.tenantId } })).toBeGreaterThan(
      0,
    );
    expect(await enqueueRecurringJob(ROLLUP_BUILD_QUEUE, ROLLUP_BUILD_EVERY_MS)).toBe(true);
    await runQueuedBuilds();
    expect(await db.reportRollupMark.count({ where: { tenantId: fx.tenantId } })).toBe(0);
    const after = await storedDays();
    const rebuilt = after.filter(
      (d, i) => d.builtAt.getTime() !== before[i]!.builtAt.getTime() || d.day !== before[i]!.day,
    );
    // The mark covers the call's day and the seven before it (their callbacks may change).
    const callDay = localToday(tz, old.startedAt);
    const marked = Array.from({ length: 8 }, (_, i) => dayBefore(callDay, 7 - i));
    expect(rebuilt.map((d) => d.day)).toEqual(marked);
    await expectStoredExact("late answer");
    await expectReportBuildsNothing("late answer");
  });

  it("rebuilds every day in the new zone soon after the zone changes in settings", async () => {
    const db = getDb();
    tz = "Europe/Moscow";
    await updateTenant(actorOf(fx.tenantId, fx.adminId), {
      name: "Acme",
      timeZone: tz,
      autoCreateClients: false,
      serviceLevelSec: 20,
      recordingRetentionDays: null,
      defaultOwnerId: null,
    });
    const queued = await db.job.findMany({
      where: { queue: ROLLUP_BUILD_QUEUE, status: "QUEUED" },
      select: { tenantId: true },
    });
    expect(queued).toEqual([{ tenantId: fx.tenantId }]);
    await runQueuedBuilds();
    const days = await storedDays();
    expect(days.length).toBe(366);
    expect(days.at(-1)!.day).toBe(lastStored());
    expect(new Set(days.map((d) => d.timeZone))).toEqual(new Set([tz]));
    await expectStoredExact("new zone");
    await expectReportBuildsNothing("new zone");
  });
});
