// Conversation quality against a real database: versioning, evaluations and their checks,
// who reads what, disputes with their audit trail, calibration and skipping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import type { Actor } from "@/server/policy/actor";
import { calibrateCall } from "@/server/quality/calibration";
import { raiseDispute, resolveDispute } from "@/server/quality/disputes";
import { getEvaluation, listCallEvaluations } from "@/server/quality/evaluation-view";
import {
  acknowledgeEvaluation,
  listEvaluations,
  submitEvaluation,
} from "@/server/quality/evaluations";
import { nextReview, skipReview } from "@/server/quality/queue";
import { getTemplate, saveScorecard } from "@/server/quality/scorecards";
import { card, makeCall, makePerson } from "@/server/quality/test-support";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";

let fixture: TenantFixture;
let sup: Actor;
let sup2: Actor;
let maria: Actor;
let oleg: Actor;

beforeAll(async () => {
  fixture = await setUpTenant();
  sup = await makePerson(fixture.tenantId, "SUPERVISOR", "Sveta Supervisor");
  sup2 = await makePerson(fixture.tenantId, "ADMIN", "Anna Admin");
  maria = await makePerson(fixture.tenantId, "MANAGER", "Maria Manager");
  oleg = await makePerson(fixture.tenantId, "MANAGER", "Oleg Manager");
});

afterAll(async () => {
  await fixture?.teardown();
});

const audits = (targetId: string) =>
  getDb().auditLog.findMany({
    where: { tenantId: fixture.tenantId, targetId },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorUserId: true },
  });

describe("scorecard versions", () => {
  it("adds a version on edit and keeps evaluations on the version they used", async () => {
    const v1 = await saveScorecard(sup, card("Sales v"));
    const callId = await makeCall(fixture.tenantId, maria.userId);
    const evaluation = await submitEvaluation(sup, {
      callId,
      versionId: v1.versionId,
      answers: { greet: "yes", name: "yes", offer: "3" },
    });
    // 20 + 20 + 60·0.5 = 70 of 100
    expect(evaluation.score).toBe(70);
    expect(evaluation.isPassed).toBe(false);

    const edited = card("Sales v", 60);
    edited.content.sections[1]?.criteria.push({
      id: "close",
      title: "Closes",
      kind: "yesNo",
      weight: 20,
    });
    const v2 = await saveScorecard(sup, { templateId: v1.templateId, ...edited });
    expect(v2).toMatchObject({ version: 2, isNewVersion: true });
    expect(v2.versionId).not.toBe(v1.versionId);
    // Saving the same content again adds nothing.
    expect(await saveScorecard(sup, { templateId: v1.templateId, ...edited })).toMatchObject({
      version: 2,
      isNewVersion: false,
    });

    const kept = await getEvaluation(sup, evaluation.id);
    expect(kept.version).toMatchObject({ id: v1.versionId, version: 1, passThreshold: 80 });
    expect(kept.version.content.sections[1]?.criteria.map((c) => c.id)).toEqual(["offer"]);
    expect(kept.score).toBe(70);
    const latest = await getTemplate(sup, v1.templateId);
    expect(latest.latest.version).toBe(2);
    expect((await audits(v1.templateId)).map((a) => a.action)).toEqual([
      "quality.scorecard.create",
      "quality.scorecard.version",
    ]);
  });

  it("refuses a second scorecard with the same name", async () => {
    await saveScorecard(sup, card("Twice"));
    await expect(saveScorecard(sup, card("Twice"))).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("evaluations", () => {
  it("needs every criterion answered, an evaluable call, and one evaluation per reviewer and version", async () => {
    const { versionId } = await saveScorecard(sup, card("Checks"));
    const callId = await makeCall(fixture.tenantId, maria.userId);
    await expect(
      submitEvaluation(sup, { callId, versionId, answers: { greet: "yes" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      submitEvaluation(sup, {
        callId,
        versionId,
        answers: { greet: "yes", name: "yes", offer: "maybe" as never },
      }),
    ).rejects.toThrow();
    await expect(
      submitEvaluation(sup, {
        callId,
        versionId,
        answers: { greet: "5", name: "yes", offer: "5" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const missed = await makeCall(fixture.tenantId, maria.userId, { answered: false });
    await expect(
      submitEvaluation(sup, {
        callId: missed,
        versionId,
        answers: { greet: "yes", name: "yes", offer: "5" },
      }),
    ).rejects.toMatchObject({ code: "CALL_NOT_EVALUABLE" });
    const ok = await submitEvaluation(sup, {
      callId,
      versionId,
      answers: { greet: "na", name: "no", offer: "5" },
      comments: [{ atSec: 12.5, text: "No company name", criterionId: "name" }],
      summary: "Good offer",
    });
    // N/A left out: (0·20 + 1·60) / 80 = 75; the critical "name" fails the evaluation.
    expect(ok).toMatchObject({ score: 75, hasCriticalFail: true, isPassed: false });
    await expect(
      submitEvaluation(sup, {
        callId,
        versionId,
        answers: { greet: "yes", name: "yes", offer: "5" },
      }),
    ).rejects.toMatchObject({ code: "ALREADY_EVALUATED" });
    const view = await getEvaluation(sup, ok.id);
    expect(view.comments).toEqual([
      expect.objectContaining({ atSec: 12.5, text: "No company name", criterionId: "name" }),
    ]);
    expect(view.manager?.id).toBe(maria.userId);
  });

  it("shows a manager only the evaluations of their own calls", async () => {
    const { versionId } = await saveScorecard(sup, card("Visibility"));
    const mariaCall = await makeCall(fixture.tenantId, maria.userId);
    const olegCall = await makeCall(fixture.tenantId, oleg.userId);
    const answers = { greet: "yes", name: "yes", offer: "4" } as const;
    const mine = await submitEvaluation(sup, { callId: mariaCall, versionId, answers });
    const his = await submitEvaluation(sup, { callId: olegCall, versionId, answers });
    const list = await listEvaluations(maria, { limit: 200 });
    expect(list.items.map((e) => e.id)).toContain(mine.id);
    expect(list.items.map((e) => e.id)).not.toContain(his.id);
    expect((await listEvaluations(maria, { managerId: oleg.userId ?? "" })).items).toEqual([]);
    await expect(getEvaluation(maria, his.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listCallEvaluations(maria, olegCall)).toEqual([]);
    await expect(acknowledgeEvaluation(maria, his.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      raiseDispute(maria, { evaluationId: his.id, criterionId: "greet", comment: "x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      (await listEvaluations(sup, { managerId: oleg.userId ?? "", limit: 200 })).items.map(
        (e) => e.id,
      ),
    ).toContain(his.id);
  });
});

describe("disputes", () => {
  it("goes dispute → resolve, corrects the score, and logs every step", async () => {
    const { versionId } = await saveScorecard(sup, card("Disputes"));
    const callId = await makeCall(fixture.tenantId, maria.userId);
    const evaluation = await submitEvaluation(sup, {
      callId,
      versionId,
      answers: { greet: "no", name: "yes", offer: "5" },
    });
    expect(evaluation.score).toBe(80);
    const greet = await raiseDispute(maria, {
      evaluationId: evaluation.id,
      criterionId: "greet",
      comment: "I greeted at 0:03",
    });
    const offer = await raiseDispute(maria, {
      evaluationId: evaluation.id,
      criterionId: "offer",
      comment: "Fine",
    });
    await expect(
      raiseDispute(maria, { evaluationId: evaluation.id, criterionId: "greet", comment: "again" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(acknowledgeEvaluation(maria, evaluation.id)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await getEvaluation(maria, evaluation.id)).status).toBe("DISPUTED");

    await expect(
      resolveDispute(sup2, { disputeId: greet.disputeId, decision: "ACCEPTED", resolution: "Yes" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await resolveDispute(sup2, {
      disputeId: greet.disputeId,
      decision: "ACCEPTED",
      newValue: "yes",
      resolution: "Heard it",
    });
    let view = await getEvaluation(maria, evaluation.id);
    expect(view.score).toBe(100);
    expect(view.isPassed).toBe(true);
    expect(view.status).toBe("DISPUTED");
    await resolveDispute(sup2, {
      disputeId: offer.disputeId,
      decision: "REJECTED",
      resolution: "Stands",
    });
    await expect(
      resolveDispute(sup2, {
        disputeId: offer.disputeId,
        decision: "REJECTED",
        resolution: "Again",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    view = await getEvaluation(maria, evaluation.id);
    expect(view.status).toBe("RESOLVED");
    expect(
      view.disputes.map((d) => [d.criterionId, d.status, d.previousValue, d.newValue]),
    ).toEqual([
      ["greet", "ACCEPTED", "no", "yes"],
      ["offer", "REJECTED", "5", null],
    ]);
    await expect(
      raiseDispute(maria, { evaluationId: evaluation.id, criterionId: "name", comment: "late" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const trail = await audits(evaluation.id);
    expect(trail.map((a) => a.action)).toEqual([
      "quality.evaluation.submit",
      "quality.dispute.raise",
      "quality.dispute.raise",
      "quality.dispute.resolve",
      "quality.dispute.resolve",
    ]);
    expect(trail.map((a) => a.actorUserId)).toEqual([
      sup.userId,
      maria.userId,
      maria.userId,
      sup2.userId,
      sup2.userId,
    ]);
  });

  it("lets the manager acknowledge, once", async () => {
    const { versionId } = await saveScorecard(sup, card("Ack"));
    const callId = await makeCall(fixture.tenantId, maria.userId);
    const evaluation = await submitEvaluation(sup, {
      callId,
      versionId,
      answers: { greet: "yes", name: "yes", offer: "5" },
    });
    await acknowledgeEvaluation(maria, evaluation.id);
    await expect(acknowledgeEvaluation(maria, evaluation.id)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      raiseDispute(maria, { evaluationId: evaluation.id, criterionId: "greet", comment: "x" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await audits(evaluation.id)).map((a) => a.action)).toEqual([
      "quality.evaluation.submit",
      "quality.evaluation.acknowledge",
    ]);
  });
});

describe("calibration", () => {
  it("compares two reviewers criterion by criterion", async () => {
    const { versionId } = await saveScorecard(sup, card("Calibration"));
    const callId = await makeCall(fixture.tenantId, maria.userId);
    await submitEvaluation(sup, {
      callId,
      versionId,
      answers: { greet: "yes", name: "yes", offer: "5" },
    });
    await submitEvaluation(sup2, {
      callId,
      versionId,
      answers: { greet: "yes", name: "no", offer: "3" },
    });
    const result = await calibrateCall(sup, callId);
    expect(result.reviewers.map((r) => [r.reviewerName, r.score])).toEqual([
      ["Sveta Supervisor", 100],
      ["Anna Admin", 50],
    ]);
    expect(result.scoreSpread).toBe(50);
    expect(result.rows.map((r) => [r.criterionId, r.isDifferent, r.spread])).toEqual([
      ["greet", false, 0],
      ["name", true, 1],
      ["offer", true, 0.5],
    ]);
  });
});

describe("review queue", () => {
  it("gives the reviewer their most urgent call and records why a call was skipped", async () => {
    const { templateId } = await saveScorecard(sup, card("Queue"));
    const reviewer = await makePerson(fixture.tenantId, "SUPERVISOR", "Queue Reviewer");
    const [a, b] = [
      await makeCall(fixture.tenantId, maria.userId),
      await makeCall(fixture.tenantId, oleg.userId),
    ];
    const item = (callId: string, dueIn: number) =>
      getDb().reviewItem.create({
        data: {
          tenantId: fixture.tenantId,
          callId,
          templateId,
          reviewerId: reviewer.userId,
          dueAt: new Date(Date.now() + dueIn),
        },
        select: { id: true },
      });
    const later = await item(a, 86_400_000);
    const sooner = await item(b, 3_600_000);
    expect(await nextReview(reviewer)).toEqual({ itemId: sooner.id, callId: b, open: 2 });
    await expect(skipReview(reviewer, { itemId: sooner.id, reason: "other" })).rejects.toThrow();
    await skipReview(reviewer, {
      itemId: sooner.id,
      reason: "other",
      note: "Test call by the team",
    });
    await expect(
      skipReview(reviewer, { itemId: sooner.id, reason: "tooShort" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const skipped = await getDb().reviewItem.findUniqueOrThrow({
      where: { id: sooner.id },
      select: { status: true, skipReason: true },
    });
    expect(skipped).toEqual({ status: "SKIPPED", skipReason: "other: Test call by the team" });
    expect((await audits(sooner.id)).map((x) => x.action)).toEqual(["quality.review.skip"]);
    expect(await nextReview(reviewer)).toEqual({ itemId: later.id, callId: a, open: 1 });
    // Evaluating from the queue closes the item.
    const versionId = (await getTemplate(sup, templateId)).latest.id;
    const done = await submitEvaluation(reviewer, {
      callId: a,
      versionId,
      reviewItemId: later.id,
      answers: { greet: "yes", name: "yes", offer: "4" },
    });
    const closed = await getDb().reviewItem.findUniqueOrThrow({
      where: { id: later.id },
      select: { status: true, evaluationId: true },
    });
    expect(closed).toEqual({ status: "DONE", evaluationId: done.id });
    expect(await nextReview(reviewer)).toBeNull();
  });
});
