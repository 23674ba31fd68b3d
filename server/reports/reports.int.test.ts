import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getManagerStatuses } from "@/server/calls/managers";
import { addDays, localDateOf, parseLocalDate, startOfLocalDay } from "@/lib/zoned-time";
import { getDb, type Prisma } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import {
  computeManagerReport,
  isFallbackExplanation,
  type CallbackTask,
  type ReportCall,
} from "@/server/reports/metrics";
import {
  buildReportSeries,
  countFigureCalls,
  getManagerReport,
  getReportScope,
  listFigureCalls,
  roundMetrics,
} from "@/server/reports/queries";
import { FIGURES } from "@/server/reports/sql";

// A seeded mixed set (transfers, click-to-call legs, callbacks, tasks, routing decisions, calls
// around local midnight) checked against the pure definitions in metrics.ts.

let fx: TenantFixture;
const managers: string[] = [];
let otherTenantId = "";
const TZ = "Asia/Vladivostok"; // UTC+10: local midnight is 14:00 UTC
const DAYS = ["2026-11-10", "2026-11-11", "2026-11-12"];

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function seed(tenantId: string, people: string[], seedValue: number) {
  const db = getDb();
  const random = rng(seedValue);
  const clients: Array<{ id: string; phone: string }> = [];
  for (let i = 0; i < 12; i++) {
    const phone = `+7999${seedValue}${String(i).padStart(6, "0")}`;
    const client = await db.client.create({
      data: {
        tenantId,
        name: `Client ${i}`,
        personalManagerId: i % 3 === 0 ? null : (people[i % people.length] ?? null),
        phones: { create: { tenantId, e164: phone } },
      },
      select: { id: true },
    });
    clients.push({ id: client.id, phone });
  }
  const first = startOfLocalDay(parseLocalDate(DAYS[0]!)!, TZ).getTime() - 2 * 3600_000;
  const span = 4 * 86_400_000;
  type Row = Prisma.CallCreateManyInput & {
    id: string;
    startedAt: Date;
    answeredAt: Date | null;
    parentCallId: string | null;
  };
  const rows: Row[] = [];
  for (let i = 0; i < 260; i++) {
    const isOut = random() < 0.3;
    const clientIndex = Math.floor(random() * 14);
    const client = clients[clientIndex];
    const phone = client?.phone ?? `+7999000${seedValue}${i}`;
    // Every tenth call lands within a second of local midnight.
    const start =
      i % 10 === 0
        ? startOfLocalDay(parseLocalDate(DAYS[i % 3]!)!, TZ).getTime() + (random() < 0.5 ? -1 : 0)
        : first + Math.floor(random() * span);
    const isAnswered = random() < 0.7;
    const answerAfter = Math.floor(random() * 40_000);
    const isRinging = !isOut && !isAnswered && random() < 0.05;
    const manager = random() < 0.1 ? null : people[Math.floor(random() * people.length)]!;
    rows.push({
      id: crypto.randomUUID(),
      tenantId,
      externalId: `ext-${seedValue}-${i}`,
      direction: isOut ? ("OUT" as const) : ("IN" as const),
      fromNumber: isOut ? "+74950000001" : phone,
      toNumber: isOut ? phone : random() < 0.5 ? "+74950000001" : "+74950000002",
      state: isRinging ? ("RINGING" as const) : ("ENDED" as const),
      result: isRinging ? null : isAnswered ? ("ANSWERED" as const) : ("MISSED" as const),
      startedAt: new Date(start),
      answeredAt: isAnswered ? new Date(start + answerAfter) : null,
      endedAt: isRinging ? null : new Date(start + answerAfter + 60_000),
      talkSec: isAnswered ? Math.floor(random() * 900) : 0,
      managerId: manager,
      clientId: client?.id ?? null,
      isClickToCall: isOut,
      lastEventAt: new Date(start),
      parentCallId: null as string | null,
    });
  }
  // Legs: transfer and click-to-call legs point at their parent and must not count.
  for (const parent of rows.slice(0, 30)) {
    rows.push({
      ...parent,
      id: crypto.randomUUID(),
      externalId: `${parent.externalId}-leg`,
      direction: "IN",
      answeredAt: null,
      state: "ENDED",
      result: "MISSED",
      parentCallId: parent.id,
    });
  }
  await db.call.createMany({ data: rows });
  const decisions = rows
    .filter((r) => r.direction === "IN" && r.parentCallId === null && random() < 0.6)
    .map((r) => ({
      tenantId,
      callId: r.id,
      outcome: "TRANSFER_WORKPLACE" as const,
      explanation:
        random() < 0.3
          ? [
              { kind: "ruleMatched", rule: "r" },
              { kind: "fallback", index: 1 },
            ]
          : [{ kind: "ruleMatched", rule: "r" }],
      decidedInMs: 3,
      createdAt: new Date(r.startedAt.getTime() + 50),
    }));
  await db.routingDecision.createMany({ data: decisions });
  const missed = rows.filter((r) => r.direction === "IN" && !r.answeredAt && !r.parentCallId);
  const outs = rows.filter((r) => r.direction === "OUT" && r.answeredAt);
  const tasks = missed.slice(0, 6).map((m, i) => ({
    tenantId,
    kind: "CALLBACK" as const,
    callId: m.id,
    status: "DONE" as const,
    closedByCallId: outs[i]?.id ?? null,
  }));
  await db.task.createMany({ data: tasks });
  return { rows, decisions, tasks };
}

async function loadUniverse(tenantId: string) {
  const db = getDb();
  const [calls, decisions, tasks] = await Promise.all([
    db.call.findMany({
      where: { tenantId },
      select: {
        id: true,
        direction: true,
        state: true,
        startedAt: true,
        answeredAt: true,
        endedAt: true,
        talkSec: true,
        endReported: true,
        managerId: true,
        isClickToCall: true,
        parentCallId: true,
        fromNumber: true,
        toNumber: true,
        client: { select: { personalManagerId: true } },
      },
    }),
    db.routingDecision.findMany({
      where: { tenantId },
      select: { callId: true, explanation: true },
    }),
    db.task.findMany({
      where: { tenantId, kind: "CALLBACK", closedByCallId: { not: null }, callId: { not: null } },
      select: { callId: true, closedByCallId: true },
    }),
  ]);
  const fallback = new Map(decisions.map((d) => [d.callId, isFallbackExplanation(d.explanation)]));
  const universe: ReportCall[] = calls.map(({ client, ...c }) => ({
    ...c,
    personalManagerId: client?.personalManagerId ?? null,
    routingFallback: fallback.get(c.id) ?? null,
  }));
  const callbackTasks = tasks as CallbackTask[];
  return { universe, callbackTasks };
}

function localRange(from: string, to: string) {
  return {
    from: startOfLocalDay(parseLocalDate(from)!, TZ),
    to: startOfLocalDay(addDays(parseLocalDate(to)!, 1), TZ),
  };
}

beforeAll(async () => {
  fx = await setUpTenant();
  const db = getDb();
  await db.tenant.update({
    where: { id: fx.tenantId },
    data: { timeZone: TZ, settings: { serviceLevelSec: 15 } },
  });
  for (const name of ["Anna", "Boris", "Vera"]) {
    const user = await db.user.create({
      data: {
        tenantId: fx.tenantId,
        email: `${name.toLowerCase()}@acme.test`,
        name,
        role: "MANAGER",
        status: "ACTIVE",
      },
      select: { id: true },
    });
    managers.push(user.id);
  }
  await seed(fx.tenantId, managers, 1);
  // Another company with its own calls on the same days: never part of Acme's figures.
  const other = await db.tenant.create({
    data: { name: "Other", timeZone: TZ },
    select: { id: true },
  });
  otherTenantId = other.id;
  const stranger = await db.user.create({
    data: {
      tenantId: other.id,
      email: "x@other.test",
      name: "X",
      role: "MANAGER",
      status: "ACTIVE",
    },
    select: { id: true },
  });
  await seed(other.id, [stranger.id], 2);
}, 60_000);

afterAll(async () => {
  await fx?.teardown();
});

const cases = [
  { from: DAYS[0]!, to: DAYS[2]! },
  { from: DAYS[1]!, to: DAYS[1]! },
  { from: DAYS[0]!, to: DAYS[1]!, numbers: ["+74950000002"] },
];

describe("per-manager report in SQL", () => {
  it.each(cases)("equals the JS definitions for %o", async (range) => {
    const { universe, callbackTasks } = await loadUniverse(fx.tenantId);
    const expected = computeManagerReport(
      universe,
      { ...localRange(range.from, range.to), numbers: range.numbers },
      { serviceLevelSec: 15, tasks: callbackTasks },
    );
    const report = await getManagerReport(fx.tenantId, range);
    expect(report.total.incoming).toBeGreaterThan(0);
    expect(report.total.calledBack).toBeGreaterThan(0);
    expect(report.total.fallbacks).toBeGreaterThan(0);
    expect(report.total).toEqual(roundMetrics(expected.total));
    for (const row of expected.managers) {
      const got = report.managers.find((m) => m.managerId === row.managerId);
      const { managerId: _id, email: _e, name: _n, ...metrics } = got!;
      expect(metrics).toEqual(roundMetrics(row.metrics));
    }
  });

  it("honours the manager filter and keeps other tenants out", async () => {
    const { universe, callbackTasks } = await loadUniverse(fx.tenantId);
    const range = { from: DAYS[0]!, to: DAYS[2]!, managerIds: [managers[0]!] };
    const expected = computeManagerReport(
      universe,
      { ...localRange(range.from, range.to), managerIds: range.managerIds },
      { serviceLevelSec: 15, tasks: callbackTasks },
    );
    const report = await getManagerReport(fx.tenantId, range);
    expect(report.total).toEqual(roundMetrics(expected.total));
    const other = await getManagerReport(otherTenantId, range);
    expect(other.total.incoming).toBe(0);
    expect(report.managers.every((m) => m.email?.endsWith("@acme.test") ?? true)).toBe(true);
  });

  it("cuts days at local midnight in the tenant's time zone", async () => {
    const db = getDb();
    const midnight = startOfLocalDay(parseLocalDate("2026-12-01")!, TZ); // 2026-11-30T14:00Z
    await db.call.createMany({
      data: [-1, 0].map((offset, i) => ({
        tenantId: fx.tenantId,
        externalId: `midnight-${i}`,
        direction: "IN" as const,
        fromNumber: "+70000000000",
        toNumber: "+74950000001",
        state: "ENDED" as const,
        startedAt: new Date(midnight.getTime() + offset),
        endedAt: new Date(midnight.getTime() + 600_000),
        lastEventAt: new Date(midnight.getTime()),
      })),
    });
    const before = await getManagerReport(fx.tenantId, { from: "2026-11-30", to: "2026-11-30" });
    const after = await getManagerReport(fx.tenantId, { from: "2026-12-01", to: "2026-12-01" });
    expect(before.total.missed).toBe(1);
    expect(after.total.missed).toBe(1);
  });
});

describe("drill-down", () => {
  it("lists exactly the calls behind every figure, for the total and for each manager", async () => {
    const range = { from: DAYS[0]!, to: DAYS[2]! };
    const scope = await getReportScope(fx.tenantId, range);
    const report = await getManagerReport(fx.tenantId, range);
    const figureValue = (m: Record<string, unknown>, f: string) =>
      f === "all" ? Number(m.incoming) + Number(m.outgoing) : f === "talk" ? m.talkCalls : m[f];
    for (const figure of FIGURES) {
      const total = await countFigureCalls(scope, figure, {});
      expect(total, figure).toBe(figureValue(report.total, figure));
      const list = await listFigureCalls(scope, figure, {}, { limit: 1000 });
      expect(list.length, figure).toBe(total);
      for (const row of report.managers) {
        const n = await countFigureCalls(scope, figure, { managerId: row.managerId });
        expect(n, `${figure} ${row.name}`).toBe(figureValue(row, figure));
      }
    }
  });

  it("lists the calls behind each chart bar, heat-map cell and talk bucket", async () => {
    const scope = await getReportScope(fx.tenantId, { from: DAYS[0]!, to: DAYS[2]! });
    const { series, heat, talk, unit } = await buildReportSeries(scope);
    const report = await getManagerReport(fx.tenantId, { from: DAYS[0]!, to: DAYS[2]! });
    expect(series).toHaveLength(3);
    expect(series.reduce((s, p) => s + p.missed, 0)).toBe(report.total.missed);
    expect(heat.reduce((s, c) => s + c.incoming, 0)).toBe(report.total.incoming);
    expect(talk.reduce((s, b) => s + b.calls, 0)).toBe(report.total.talkCalls);
    for (const point of series) {
      const bucket = { start: point.bucket, unit };
      expect(await countFigureCalls(scope, "missed", { bucket })).toBe(point.missed);
      expect(await countFigureCalls(scope, "answered", { bucket })).toBe(point.answered);
    }
    for (const cell of heat.slice(0, 10)) {
      const got = await listFigureCalls(scope, "incoming", { cell }, { limit: 1000 });
      expect(got).toHaveLength(cell.incoming);
    }
    for (const bucket of talk) {
      expect(await countFigureCalls(scope, "talk", { talkBucket: bucket.bucket })).toBe(
        bucket.calls,
      );
    }
  });

  it("has hourly buckets for a single day, in local time", async () => {
    const scope = await getReportScope(fx.tenantId, { from: DAYS[1]!, to: DAYS[1]! });
    const { series, unit } = await buildReportSeries(scope);
    expect(unit).toBe("hour");
    expect(series).toHaveLength(24);
    expect(series[0]?.bucket).toBe(`${DAYS[1]}T00:00`);
  });
});

describe("live board", () => {
  it("shows today's counters by the report's definitions", async () => {
    const db = getDb();
    const now = Date.now();
    const manager = managers[1]!;
    const base = {
      tenantId: fx.tenantId,
      fromNumber: "+70000000001",
      toNumber: "+74950000001",
      managerId: manager,
      lastEventAt: new Date(now),
    };
    await db.call.createMany({
      data: [
        {
          ...base,
          externalId: "t1",
          direction: "IN",
          state: "ENDED",
          startedAt: new Date(now - 60_000),
          answeredAt: new Date(now - 50_000),
          endedAt: new Date(now - 10_000),
          talkSec: 40,
        },
        {
          ...base,
          externalId: "t2",
          direction: "IN",
          state: "ENDED",
          startedAt: new Date(now - 30_000),
          endedAt: new Date(now - 20_000),
        },
        {
          ...base,
          externalId: "t3",
          direction: "OUT",
          isClickToCall: true,
          state: "ENDED",
          startedAt: new Date(now - 30_000),
          answeredAt: new Date(now - 25_000),
          endedAt: new Date(now - 5_000),
          talkSec: 20,
        },
        {
          ...base,
          externalId: "t4",
          direction: "IN",
          isClickToCall: true,
          state: "ENDED",
          startedAt: new Date(now - 30_000),
          endedAt: new Date(now - 5_000),
        },
        {
          ...base,
          externalId: "t5",
          direction: "IN",
          state: "RINGING",
          startedAt: new Date(now - 5_000),
        },
      ],
    });
    const today = localDateOf(new Date(now), TZ);
    const day = `${today.year}-${String(today.month).padStart(2, "0")}-${String(today.day).padStart(2, "0")}`;
    const report = await getManagerReport(fx.tenantId, { from: day, to: day });
    const row = report.managers.find((m) => m.managerId === manager)!;
    const [status] = await getManagerStatuses(fx.tenantId, [manager]);
    expect(status?.today).toEqual({
      answered: row.answered,
      missed: row.missed,
      talkSec: row.talkSec,
    });
    expect(status?.today).toEqual({ answered: 1, missed: 1, talkSec: 60 });
  });
});
