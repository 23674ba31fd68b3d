import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { localToday } from "@/server/reports/options";
import { createManagers, seedCallHistory } from "@/server/reports/test-history";
import { buildManagerReport, buildReportSeries, getReportScope } from "@/server/reports/queries";
import { LIVE_DAYS } from "@/server/reports/rollups";

// Reports sum stored daily rollups for settled days: they must equal the report computed
// straight from the calls, also after late changes to old calls and everything they depend on.

let fx: TenantFixture;
const TZ = "Asia/Vladivostok";
const people: string[] = [];
const DAY = 86_400_000;
const now = Date.now();
const ago = (days: number, minutes = 0) => new Date(now - days * DAY + minutes * 60_000);
const OUR = "+74950000001";
const caller = (i: number) => `+7999100${String(i).padStart(4, "0")}`;
let clientId = "";
const missedIds: string[] = [];
const outIds: string[] = [];

async function seedHistory() {
  // 40 days of history: settled days (rolled up) and the live ones.
  const seeded = await seedCallHistory({
    tenantId: fx.tenantId,
    managers: people,
    caller,
    seed: 7,
    calls: 400,
    daysAgo: (r) => 1 + r * 39,
    externalPrefix: "r",
  });
  clientId = seeded.clientId;
  for (const call of seeded.calls) {
    if (call.direction === "IN" && !call.answered) missedIds.push(call.id);
    if (call.direction === "OUT" && call.answered) outIds.push(call.id);
  }
}

async function expectRollupsExact(label: string) {
  const today = localToday(TZ);
  const ranges = [
    { from: localToday(TZ, ago(39)), to: today },
    { from: localToday(TZ, ago(35)), to: localToday(TZ, ago(12)) },
    { from: localToday(TZ, ago(30)), to: today, managerIds: [people[0]!], numbers: [OUR] },
  ];
  for (const range of ranges) {
    const scope = await getReportScope(fx.tenantId, range);
    const [report, direct] = await Promise.all([
      buildManagerReport(scope),
      buildManagerReport(scope, { direct: true }),
    ]);
    expect(report, `${label} ${JSON.stringify(range)}`).toEqual(direct);
    const [series, directSeries] = await Promise.all([
      buildReportSeries(scope),
      buildReportSeries(scope, { direct: true }),
    ]);
    const byCell = (a: { weekday: number; hour: number }, b: typeof a) =>
      a.weekday - b.weekday || a.hour - b.hour;
    expect(series.heat.sort(byCell), label).toEqual(directSeries.heat.sort(byCell));
    expect({ ...series, heat: [] }, label).toEqual({ ...directSeries, heat: [] });
  }
}

const total = async () => {
  const scope = await getReportScope(fx.tenantId, {
    from: localToday(TZ, ago(39)),
    to: localToday(TZ),
  });
  return (await buildManagerReport(scope)).total;
};

beforeAll(async () => {
  fx = await setUpTenant();
  const db = getDb();
  await db.tenant.update({
    where: { id: fx.tenantId },
    data: { timeZone: TZ, settings: { serviceLevelSec: 12 } },
  });
  people.push(...(await createManagers(fx.tenantId, "rollup.test")));
  await seedHistory();
}, 60_000);

afterAll(async () => {
  await fx?.teardown();
});

describe("report rollups", () => {
  it("equal the direct report once built, and are stored for settled days only", async () => {
    await expectRollupsExact("built");
    const db = getDb();
    const days = await db.reportRollupDay.findMany({ where: { tenantId: fx.tenantId } });
    expect(days.length).toBeGreaterThan(20);
    const liveFrom = localToday(TZ, ago(LIVE_DAYS - 1));
    expect(days.every((d) => d.day.toISOString().slice(0, 10) < liveFrom)).toBe(true);
  });

  it("rebuild a day built while its callbacks were still open once they count", async () => {
    const db = getDb();
    const day = new Date(`${localToday(TZ, ago(20))}T00:00:00Z`);
    // As if built two days after it happened; its stored callback figures are then provisional.
    await db.reportRollupDay.update({
      where: { tenantId_day: { tenantId: fx.tenantId, day } },
      data: { builtAt: new Date(day.getTime() + 2 * DAY) },
    });
    await db.reportRollup.updateMany({
      where: { tenantId: fx.tenantId, day, kind: "handled" },
      data: { calledBack: 99 },
    });
    await expectRollupsExact("provisional callbacks");
    const rebuilt = await db.reportRollupDay.findUniqueOrThrow({
      where: { tenantId_day: { tenantId: fx.tenantId, day } },
    });
    expect(rebuilt.builtAt.getTime()).toBeGreaterThan(now);
  });

  it("stay exact after late changes to old calls and what their figures depend on", async () => {
    const db = getDb();
    const before = await total();
    // A late event answers an old missed call (raw SQL that leaves updated_at alone). Well inside
    // the period in either time zone the test moves between.
    const old = await db.call.findFirstOrThrow({
      where: { id: { in: missedIds }, startedAt: { lt: ago(15), gt: ago(30) } },
      select: { id: true, startedAt: true, fromNumber: true },
    });
    await db.$executeRaw`UPDATE calls SET answered_at = started_at + interval '5 seconds',
      manager_id = ${people[1]!}::uuid WHERE id = ${old.id}::uuid`;
    await expectRollupsExact("late answer");
    expect((await total()).answered).toBe(before.answered + 1);

    // A callback made days later to another old missed caller.
    const missed = await db.call.findFirstOrThrow({
      where: { id: { in: missedIds }, startedAt: { lt: ago(20) }, answeredAt: null },
      select: { id: true, startedAt: true, fromNumber: true, endedAt: true },
    });
    await db.call.create({
      data: {
        tenantId: fx.tenantId,
        externalId: "late-callback",
        direction: "OUT",
        fromNumber: OUR,
        toNumber: missed.fromNumber,
        state: "ENDED",
        startedAt: new Date(missed.startedAt.getTime() + 3 * DAY),
        answeredAt: new Date(missed.startedAt.getTime() + 3 * DAY + 5000),
        endedAt: new Date(missed.startedAt.getTime() + 3 * DAY + 60_000),
        talkSec: 55,
        managerId: people[2]!,
        lastEventAt: new Date(),
      },
    });
    await expectRollupsExact("late callback");

    // A callback task closed later by a recent call, for a missed call weeks old.
    const oldest = await db.call.findFirstOrThrow({
      where: { id: { in: missedIds }, startedAt: { lt: ago(30) }, answeredAt: null },
      select: { id: true },
    });
    const recentOut = await db.call.findFirstOrThrow({
      where: { id: { in: outIds }, startedAt: { gt: ago(3) } },
      select: { id: true },
    });
    const task = await db.task.create({
      data: { tenantId: fx.tenantId, kind: "CALLBACK", callId: oldest.id, status: "OPEN" },
      select: { id: true },
    });
    await expectRollupsExact("task opened");
    await db.task.update({
      where: { id: task.id },
      data: { status: "DONE", closedByCallId: recentOut.id, closedAt: new Date() },
    });
    await expectRollupsExact("task closed");
    // The closing call's start corrected by a late event moves the callback time.
    await db.$executeRaw`UPDATE calls SET started_at = started_at - interval '1 hour'
      WHERE id = ${recentOut.id}::uuid`;
    await expectRollupsExact("closing call moved");

    // The client's personal manager changes: all its old calls move between managers.
    await db.client.update({ where: { id: clientId }, data: { personalManagerId: people[2]! } });
    await expectRollupsExact("personal manager");

    // A routing decision stored late for an old call, another one removed.
    const unrouted = await db.call.findFirstOrThrow({
      where: {
        direction: "IN",
        tenantId: fx.tenantId,
        routingDecision: null,
        startedAt: { lt: ago(15) },
      },
      select: { id: true },
    });
    await db.routingDecision.create({
      data: {
        tenantId: fx.tenantId,
        callId: unrouted.id,
        outcome: "TRANSFER_WORKPLACE",
        explanation: [{ kind: "fallback", index: 1 }],
        decidedInMs: 3,
      },
    });
    await db.routingDecision.deleteMany({
      where: { tenantId: fx.tenantId, call: { startedAt: { lt: ago(25) } } },
    });
    await expectRollupsExact("routing decisions");

    // A manager removed: FK SET NULL rewrites their calls without the application.
    await db.$executeRaw`UPDATE clients SET personal_manager_id = NULL WHERE personal_manager_id = ${people[1]!}::uuid`;
    await db.$executeRaw`UPDATE calls SET manager_id = NULL WHERE manager_id = ${people[1]!}::uuid AND started_at < ${ago(20)}`;
    await expectRollupsExact("manager cleared");

    // The service level changed and the time zone moved, then an old call deleted. (The period's
    // dates now start and end seven hours later: calls near its edges move in or out.)
    await db.tenant.update({
      where: { id: fx.tenantId },
      data: { timeZone: "Europe/Moscow", settings: { serviceLevelSec: 25 } },
    });
    await expectRollupsExact("zone and service level");
    const moved = await total();
    await db.call.delete({ where: { id: old.id } });
    await expectRollupsExact("call deleted");
    expect((await total()).incoming).toBe(moved.incoming - 1);
  }, 120_000);
});
