import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { exportCallsCsv, exportManagersCsv } from "@/server/reports/export";
import { getReportScope } from "@/server/reports/queries";

let fx: TenantFixture;
let admin: SessionUser;
let manager: SessionUser;
const day = "2026-11-10";

beforeAll(async () => {
  fx = await setUpTenant();
  const db = getDb();
  await db.tenant.update({ where: { id: fx.tenantId }, data: { timeZone: "UTC" } });
  const m = await db.user.create({
    data: {
      tenantId: fx.tenantId,
      email: "m@acme.test",
      name: "Mila",
      role: "MANAGER",
      status: "ACTIVE",
    },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  manager = { ...m, locale: null };
  const a = await db.user.findUniqueOrThrow({
    where: { id: fx.adminId },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  admin = { ...a, locale: null };
  const client = await db.client.create({
    data: { tenantId: fx.tenantId, name: '=HYPERLINK("x")', personalManagerId: m.id },
    select: { id: true },
  });
  const at = (h: number) => new Date(`${day}T${String(h).padStart(2, "0")}:00:00.000Z`);
  await db.call.createMany({
    data: [8, 9, 10, 11, 12].map((h, i) => ({
      tenantId: fx.tenantId,
      externalId: `c${i}`,
      direction: "IN" as const,
      fromNumber: "+79990000001",
      toNumber: "+74950000001",
      state: "ENDED" as const,
      startedAt: at(h),
      answeredAt: i % 2 ? null : new Date(at(h).getTime() + 5000),
      endedAt: new Date(at(h).getTime() + 60_000),
      talkSec: i % 2 ? 0 : 55,
      managerId: m.id,
      clientId: client.id,
      lastEventAt: at(h),
    })),
  });
}, 60_000);

afterAll(async () => {
  await fx?.teardown();
});

const filters = { from: day, to: day, managerIds: [], numbers: [] };

describe("reports router", () => {
  it("is for supervisors and admins only", async () => {
    await expect(
      createCaller({ user: manager, ip: null }).reports.summary(filters),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      createCaller({ user: null, ip: null }).reports.summary(filters),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("rejects a period that ends before it starts", async () => {
    await expect(
      createCaller({ user: admin, ip: null }).reports.summary({ ...filters, to: "2026-11-01" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("returns the figures and the calls behind a manager's missed figure", async () => {
    const caller = createCaller({ user: admin, ip: null });
    const summary = await caller.reports.summary(filters);
    const row = summary.managers.find((r) => r.managerId === manager.id);
    expect(row).toMatchObject({
      incoming: 5,
      answered: 3,
      missed: 2,
      talkSec: 165,
      answerRate: 0.6,
    });
    const drill = await caller.reports.drill({
      filters,
      figure: "missed",
      slice: { manager: manager.id },
      offset: 0,
      limit: 50,
    });
    expect(drill.total).toBe(2);
    expect(drill.calls.map((c) => c.startedAt.toISOString())).toEqual([
      `${day}T11:00:00.000Z`,
      `${day}T09:00:00.000Z`,
    ]);
    const series = await caller.reports.series(filters);
    expect(series.unit).toBe("hour");
    expect(series.series.reduce((s, p) => s + p.missed, 0)).toBe(2);
  });
});

describe("CSV export", () => {
  it("has one row per call behind the figure and the same summary as the screen", async () => {
    const scope = await getReportScope(fx.tenantId, filters);
    const text = await new Response(exportCallsCsv(scope, "missed", {}, "en")).text();
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("'=HYPERLINK");
    expect(lines[1]).toContain("/calls/");
    const summary = await exportManagersCsv(scope, "ru");
    const total = summary.trim().split("\r\n").at(-1)!.split(",");
    expect(total.slice(0, 6)).toEqual(["Итого", "", "5", "0", "3", "2"]);
  });
});
