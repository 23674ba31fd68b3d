import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { getManagerReport } from "@/server/reports/queries";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { DEMO_HISTORY_DAYS, seedDemoHistory, seedDemoTenant } from "@/server/demo/seed";

let fixture: TenantFixture;

// What the structure sync leaves behind for the demo: workplaces and the PBX's numbers.
async function syncedStructure(tenantId: string) {
  const db = getDb();
  for (let i = 1; i <= 4; i++) {
    await db.workplace.create({
      data: { tenantId, externalId: `wp-${i}`, name: `Менеджер ${i}`, extension: `10${i}` },
    });
  }
  await db.pbxNumber.createMany({
    data: [
      { tenantId, externalId: "n1", e164: "+74951234567", kind: "CITY", parking: true },
      { tenantId, externalId: "n2", e164: "+78001234567", kind: "TOLLFREE", parking: true },
    ],
  });
}

function localDate(daysAgo: number): string {
  const date = new Date(Date.now() - daysAgo * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Moscow" }).format(date);
}

beforeAll(async () => {
  fixture = await setUpTenant();
  await syncedStructure(fixture.tenantId);
  await seedDemoTenant(fixture.tenantId, { clientCount: 120, managerPassword: "demo-pass-123" });
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("the demo's call history", () => {
  it("fills the last month with calls of a healthy team, once", async () => {
    const { tenantId } = fixture;
    const seeded = await seedDemoHistory(tenantId, 2000);
    const db = getDb();
    const calls = await db.call.findMany({
      where: { tenantId, parentCallId: null },
      select: {
        direction: true,
        result: true,
        startedAt: true,
        talkSec: true,
        managerId: true,
        clientId: true,
        hasRecording: true,
      },
    });
    expect(seeded).toBe(calls.length);
    expect(calls.length).toBeGreaterThan(1900);
    const started = calls.map((c) => c.startedAt.getTime());
    expect(Math.max(...started)).toBeLessThan(Date.now());
    expect(Math.min(...started)).toBeGreaterThan(Date.now() - (DEMO_HISTORY_DAYS + 3) * 86_400_000);
    const incoming = calls.filter((c) => c.direction === "IN");
    const missed = incoming.filter((c) => c.result !== "ANSWERED").length / incoming.length;
    expect(missed).toBeGreaterThan(0.1);
    expect(missed).toBeLessThan(0.2);
    expect(calls.filter((c) => c.direction === "OUT").length).toBeGreaterThan(calls.length * 0.25);
    const talks = calls.filter((c) => c.result === "ANSWERED").map((c) => c.talkSec ?? 0);
    expect(Math.min(...talks)).toBeGreaterThanOrEqual(15);
    const meanTalk = talks.reduce((a, b) => a + b, 0) / talks.length;
    expect(meanTalk).toBeGreaterThan(60);
    expect(meanTalk).toBeLessThan(120);
    // The demo's own managers and clients, and no recording that has no audio behind it.
    expect(calls.every((c) => c.hasRecording === false)).toBe(true);
    const managers = new Set(calls.map((c) => c.managerId).filter(Boolean));
    expect(managers.size).toBe(4);
    expect(calls.filter((c) => c.clientId !== null).length).toBeGreaterThan(calls.length * 0.8);

    // Missed calls that were called back have a closed task linked to both calls.
    const tasks = await db.task.findMany({
      where: { tenantId },
      select: { status: true, closedByCallId: true, links: { select: { role: true } } },
    });
    expect(tasks.length).toBeGreaterThan(10);
    for (const task of tasks) {
      expect(task.status).toBe("DONE");
      expect(task.closedByCallId).not.toBeNull();
      expect(task.links.map((l) => l.role).sort()).toEqual(["MISSED", "RESOLVED"]);
    }

    // A second start finds calls and leaves them alone.
    expect(await seedDemoHistory(tenantId, 2000)).toBe(0);
    expect(await db.call.count({ where: { tenantId, parentCallId: null } })).toBe(calls.length);
  });

  it("gives the reports a month to show", async () => {
    const report = await getManagerReport(fixture.tenantId, {
      from: localDate(DEMO_HISTORY_DAYS),
      to: localDate(0),
    });
    expect(report.total.incoming).toBeGreaterThan(1000);
    expect(report.total.answerRate).toBeGreaterThan(0.8);
    expect(report.total.answerRate).toBeLessThan(0.9);
    expect(report.total.calledBack).toBeGreaterThan(0);
    expect(report.managers.filter((m) => m.managerId !== null && m.incoming > 0)).toHaveLength(4);
  });
});
