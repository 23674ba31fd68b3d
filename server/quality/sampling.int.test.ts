// Sampling rules filling the review queue, the Quality report's figures, and the same figures
// through GET /api/v1/reports/quality.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as qualityRoute from "@/app/api/v1/reports/quality/route";
import { createApiKey } from "@/server/api-keys/api-keys";
import { qualityReportResponse } from "@/server/api-v1/quality-schemas";
import { getDb } from "@/server/db";
import type { Actor } from "@/server/policy/actor";
import { raiseDispute } from "@/server/quality/disputes";
import { submitEvaluation } from "@/server/quality/evaluations";
import { buildQualityReport, drillQuality } from "@/server/quality/report";
import { runSampling, saveRule } from "@/server/quality/sampling";
import { saveScorecard } from "@/server/quality/scorecards";
import { card, makeCall, makePerson } from "@/server/quality/test-support";
import { getReportScope } from "@/server/reports/queries";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";

let fixture: TenantFixture;
let sup: Actor;
let admin: Actor;
let maria: Actor;
let oleg: Actor;
let templateId = "";
// A Wednesday noon in Moscow: the local week started on Monday 2026-12-07 00:00 (UTC+3).
const NOW = new Date("2026-12-09T09:00:00Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3600_000);

beforeAll(async () => {
  fixture = await setUpTenant();
  sup = await makePerson(fixture.tenantId, "SUPERVISOR", "Sveta Supervisor");
  admin = await makePerson(fixture.tenantId, "ADMIN", "Anna Admin");
  maria = await makePerson(fixture.tenantId, "MANAGER", "Maria Manager");
  oleg = await makePerson(fixture.tenantId, "MANAGER", "Oleg Manager");
  templateId = (await saveScorecard(sup, card("Sampling"))).templateId;
});

afterAll(async () => {
  await fixture?.teardown();
});

const itemsOf = (ruleId: string) =>
  getDb().reviewItem.findMany({
    where: { ruleId },
    select: { callId: true, reviewerId: true, managerId: true, dueAt: true },
  });

const rule = (over: Record<string, unknown>) =>
  saveRule(sup, {
    name: `Rule ${Math.random()}`,
    kind: "LONGER_THAN",
    thresholdSec: 600,
    templateId,
    reviewerIds: [sup.userId ?? ""],
    dueDays: 3,
    ...over,
  });

describe("sampling rules", () => {
  it("takes N answered, recorded calls over X s per manager in the local week", async () => {
    const t = fixture.tenantId;
    const mariaLong = [
      await makeCall(t, maria.userId, { startedAt: ago(1), talkSec: 40 }),
      await makeCall(t, maria.userId, { startedAt: ago(20), talkSec: 90 }),
      await makeCall(t, maria.userId, { startedAt: ago(30), talkSec: 300 }),
    ];
    await makeCall(t, maria.userId, { startedAt: ago(2), talkSec: 20 });
    await makeCall(t, maria.userId, { startedAt: ago(3), talkSec: 200, hasRecording: false });
    await makeCall(t, maria.userId, { startedAt: ago(4), answered: false });
    await makeCall(t, maria.userId, { startedAt: ago(72), talkSec: 200 }); // Sunday: last week
    const olegCall = await makeCall(t, oleg.userId, { startedAt: ago(5), talkSec: 100 });
    // An admin who took a call is never given their own call to review.
    const adminCall = await makeCall(t, admin.userId, { startedAt: ago(6), talkSec: 100 });
    const { ruleId } = await rule({
      kind: "PER_MANAGER_WEEK",
      count: 2,
      thresholdSec: 30,
      reviewerIds: [admin.userId, sup.userId],
    });

    await runSampling(t, NOW);
    const items = await itemsOf(ruleId);
    const byManager = (id: string | null) =>
      items.filter((i) => i.managerId === id).map((i) => i.callId);
    expect(byManager(maria.userId)).toHaveLength(2);
    for (const callId of byManager(maria.userId)) expect(mariaLong).toContain(callId);
    expect(byManager(oleg.userId)).toEqual([olegCall]);
    expect(byManager(admin.userId)).toEqual([adminCall]);
    expect(items.find((i) => i.callId === adminCall)?.reviewerId).toBe(sup.userId);
    // Spread over the reviewers by open load: 4 items, 2 each.
    expect(items.filter((i) => i.reviewerId === sup.userId)).toHaveLength(2);
    expect(items[0]?.dueAt.toISOString()).toBe(
      new Date(NOW.getTime() + 3 * 86_400_000).toISOString(),
    );

    // Running again within the week adds nothing; the week's quota is filled.
    expect((await runSampling(t, NOW)).created).toBe(0);
    // A skipped call frees its place: the third long call of the week is taken instead.
    const [skipped] = byManager(maria.userId);
    await getDb().reviewItem.updateMany({
      where: { ruleId, callId: skipped },
      data: { status: "SKIPPED", skipReason: "tooShort" },
    });
    expect((await runSampling(t, NOW)).created).toBe(1);
    const mariaNow = (await itemsOf(ruleId))
      .filter((i) => i.managerId === maria.userId)
      .map((i) => i.callId);
    expect([...mariaNow].sort()).toEqual([...mariaLong].sort());
    // Next week, the quota starts over.
    await makeCall(t, maria.userId, { startedAt: new Date("2026-12-14T08:00:00Z"), talkSec: 100 });
    await runSampling(t, new Date("2026-12-14T10:00:00Z"));
    expect((await itemsOf(ruleId)).filter((i) => i.managerId === maria.userId)).toHaveLength(4);
  });

  it("takes every call longer than N minutes of the last 7 days, once", async () => {
    const t = fixture.tenantId;
    const long = await makeCall(t, maria.userId, { startedAt: ago(10), durationSec: 700 });
    await makeCall(t, maria.userId, { startedAt: ago(11), durationSec: 500 });
    await makeCall(t, maria.userId, { startedAt: ago(24 * 8), durationSec: 900 });
    const { ruleId } = await rule({ kind: "LONGER_THAN", thresholdSec: 600 });
    await runSampling(t, NOW);
    await runSampling(t, NOW);
    expect((await itemsOf(ruleId)).map((i) => i.callId)).toEqual([long]);
  });

  it("takes calls whose talk analysis found silence over N s, none while it is pending", async () => {
    const t = fixture.tenantId;
    const quiet = await makeCall(t, maria.userId, { startedAt: ago(12) });
    const busy = await makeCall(t, oleg.userId, { startedAt: ago(13) });
    const { ruleId } = await rule({ kind: "SILENCE_OVER", thresholdSec: 20 });
    const db = getDb();
    const stats = async (callId: string, longestSilenceSec: number | null) => {
      const recording = await db.recording.create({
        data: { tenantId: t, callId, externalId: randomUUID(), status: "READY" },
        select: { id: true },
      });
      return db.callTalkStats.create({
        data: { tenantId: t, callId, recordingId: recording.id, longestSilenceSec },
        select: { id: true },
      });
    };
    const pending = await stats(quiet, null);
    await stats(busy, 10);
    await runSampling(t, NOW);
    expect(await itemsOf(ruleId)).toEqual([]);
    // The analysis of the quiet call ends: 25 s of silence.
    await db.callTalkStats.update({
      where: { id: pending.id },
      data: { status: "READY", longestSilenceSec: 25 },
    });
    await db.callTalkStats.updateMany({ where: { callId: busy }, data: { status: "READY" } });
    await runSampling(t, NOW);
    expect((await itemsOf(ruleId)).map((i) => i.callId)).toEqual([quiet]);
  });

  it("refuses a rule without an active scorecard or with a manager as reviewer", async () => {
    await expect(rule({ reviewerIds: [maria.userId] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(rule({ templateId: fixture.tenantId })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(rule({ kind: "PER_MANAGER_WEEK", count: 0 })).rejects.toThrow();
  });
});

describe("quality report", () => {
  it("averages scores per manager and day, pass rates per criterion, critical failures and disputes", async () => {
    const t = fixture.tenantId;
    const { versionId } = await saveScorecard(sup, card("Report"));
    const evaluate = async (who: Actor, answers: Record<string, string>) =>
      submitEvaluation(sup, {
        callId: await makeCall(t, who.userId),
        versionId,
        answers: answers as never,
      });
    await evaluate(maria, { greet: "yes", name: "yes", offer: "3" }); // 70, failed (threshold 80)
    const full = await evaluate(maria, { greet: "yes", name: "yes", offer: "5" }); // 100, passed
    await evaluate(oleg, { greet: "no", name: "no", offer: "5" }); // 60, critical
    await raiseDispute(maria, {
      evaluationId: full.id,
      criterionId: "offer",
      comment: "why",
    }).catch(() => undefined);
    await raiseDispute(maria, { evaluationId: full.id, criterionId: "greet", comment: "ok" });

    // A second company's evaluation counts nowhere here.
    const other = await getDb().tenant.create({ data: { name: "Other" }, select: { id: true } });
    const otherSup = await makePerson(other.id, "SUPERVISOR", "Other Supervisor");
    const otherMgr = await makePerson(other.id, "MANAGER", "Other Manager");
    const otherVersion = await saveScorecard(otherSup, card("Report"));
    await submitEvaluation(otherSup, {
      callId: await makeCall(other.id, otherMgr.userId),
      versionId: otherVersion.versionId,
      answers: { greet: "no", name: "no", offer: "1" },
    });

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Moscow" }).format(
      new Date(),
    );
    const scope = await getReportScope(t, {
      from: today,
      to: today,
      managerIds: [maria.userId ?? "", oleg.userId ?? ""],
    });
    const report = await buildQualityReport(scope);
    expect(report.total).toEqual({
      evaluations: 3,
      avgScore: 76.7,
      passRate: 0.333,
      criticalFailures: 1,
      disputes: { raised: 2, open: 2, accepted: 0, rejected: 0 },
    });
    expect(
      report.managers.map((m) => [
        m.name,
        m.evaluations,
        m.avgScore,
        m.passRate,
        m.criticalFailures,
      ]),
    ).toEqual([
      ["Maria Manager", 2, 85, 0.5, 0],
      ["Oleg Manager", 1, 60, 0, 1],
    ]);
    expect(report.series).toEqual([
      { day: today, evaluations: 3, avgScore: 76.7, passRate: 0.333 },
    ]);
    expect(
      report.criteria.map((c) => [
        c.criterionId,
        c.applicable,
        c.passed,
        c.passRate,
        c.criticalFailures,
      ]),
    ).toEqual([
      ["greet", 3, 2, 0.667, 0],
      ["name", 3, 2, 0.667, 1],
      ["offer", 3, 3, 1, 0],
    ]);
    const failedName = await drillQuality(scope, {
      filters: { from: today, to: today, managerIds: [], numbers: [] },
      criterionId: "name",
      only: "failed",
    });
    expect(failedName.items.map((e) => e.manager?.name)).toEqual(["Oleg Manager"]);
    const disputed = await drillQuality(scope, {
      filters: { from: today, to: today, managerIds: [], numbers: [] },
      only: "disputed",
    });
    expect(disputed.items.map((e) => e.id)).toEqual([full.id]);

    // The public API answers the same figures (for every manager of the company).
    const { key } = await createApiKey(sup, { name: "BI", expiresAt: null });
    const response = await qualityRoute.GET(
      new Request(`http://localhost:3000/api/v1/reports/quality?from=${today}&to=${today}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const body = qualityReportResponse.parse(await response.json());
    const all = await buildQualityReport(await getReportScope(t, { from: today, to: today }));
    expect(body.total).toEqual(all.total);
    expect(body.criteria).toEqual(all.criteria);
    expect(body.managers.map((m) => m.email)).toEqual(all.managers.map((m) => m.email));
    const bad = await qualityRoute.GET(
      new Request(`http://localhost:3000/api/v1/reports/quality?from=${today}&to=2020-01-01`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(bad.status).toBe(400);
  });
});
