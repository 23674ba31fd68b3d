import {
  allCriteria,
  isCriterionPassed,
  isValidAnswer,
  scoreEvaluation,
} from "@/lib/quality/scoring";
import {
  listEvaluationsInput,
  submitEvaluationInput,
  type ListEvaluationsInput,
  type SubmitEvaluationInput,
} from "@/lib/schemas/quality";
import { writeAudit } from "@/server/audit/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canReviewQuality, requireUserId, visibleEvaluations } from "@/server/policy/policy";
import { toVersionView } from "@/server/quality/scorecards";

// Submitting an evaluation, and the list of evaluations (a manager's own, or everyone's).

export async function submitEvaluation(actor: Actor, raw: SubmitEvaluationInput) {
  const input = submitEvaluationInput.parse(raw);
  const reviewerId = requireUserId(actor);
  const db = getDb();
  const [call, versionRow] = await Promise.all([
    db.call.findFirst({
      where: { id: input.callId, tenantId: actor.tenantId },
      select: { id: true, managerId: true, answeredAt: true, hasRecording: true },
    }),
    db.scorecardVersion.findFirst({
      where: { id: input.versionId, tenantId: actor.tenantId },
      select: {
        id: true,
        templateId: true,
        version: true,
        name: true,
        passThreshold: true,
        content: true,
        createdAt: true,
      },
    }),
  ]);
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  if (!versionRow) throw new AppError("NOT_FOUND", "Scorecard version not found");
  if (!call.managerId || !call.answeredAt || !call.hasRecording)
    throw new AppError(
      "CALL_NOT_EVALUABLE",
      "Only an answered call with a manager and a recording can be evaluated",
    );
  const version = toVersionView(versionRow);
  const criteria = allCriteria(version.content);
  const known = new Set(criteria.map((c) => c.id));
  const unknown = Object.keys(input.answers).filter((id) => !known.has(id));
  const result = scoreEvaluation(version.content, input.answers, version.passThreshold);
  if (unknown.length > 0 || result.missing.length > 0)
    throw new AppError("VALIDATION", "Answer every criterion (or mark it not applicable)", {
      fields: Object.fromEntries(
        [...result.missing, ...unknown].map((id) => [`answers.${id}`, ["required"]]),
      ),
    });
  const badComment = input.comments.find(
    (c) => c.criterionId !== null && !known.has(c.criterionId),
  );
  if (badComment)
    throw new AppError("VALIDATION", "A comment names a criterion not on this scorecard");

  return db.$transaction(async (tx) => {
    const already = await tx.evaluation.findFirst({
      where: { tenantId: actor.tenantId, callId: call.id, reviewerId, versionId: version.id },
      select: { id: true },
    });
    if (already)
      throw new AppError(
        "ALREADY_EVALUATED",
        "You have already evaluated this call with this scorecard",
      );
    const item = input.reviewItemId
      ? await tx.reviewItem.findFirst({
          where: {
            id: input.reviewItemId,
            tenantId: actor.tenantId,
            callId: call.id,
            status: "OPEN",
          },
          select: { id: true },
        })
      : null;
    if (input.reviewItemId && !item)
      throw new AppError("NOT_FOUND", "Review item not found or already closed");
    // The script checks' answers the form offered as "auto"; a different answer overrides one.
    const autoRows = await tx.scriptAutoAnswer.findMany({
      where: { tenantId: actor.tenantId, callId: call.id, templateId: version.templateId },
      select: { criterionId: true, value: true },
    });
    const autoValues = new Map(autoRows.map((a) => [a.criterionId, a.value]));
    const evaluation = await tx.evaluation.create({
      data: {
        tenantId: actor.tenantId,
        callId: call.id,
        versionId: version.id,
        reviewerId,
        managerId: call.managerId,
        score: result.score,
        hasCriticalFail: result.hasCriticalFail,
        isPassed: result.isPassed,
        summary: input.summary,
        answers: {
          create: criteria.map((c) => {
            const value = input.answers[c.id] ?? "na";
            return {
              tenantId: actor.tenantId,
              criterionId: c.id,
              value,
              isPassed: isValidAnswer(c.kind, value) ? isCriterionPassed(c.kind, value) : null,
              autoValue: autoValues.get(c.id) ?? null,
            };
          }),
        },
        comments: {
          create: input.comments.map((c) => ({
            tenantId: actor.tenantId,
            atSec: c.atSec,
            text: c.text,
            criterionId: c.criterionId,
          })),
        },
      },
      select: { id: true, score: true, isPassed: true, hasCriticalFail: true },
    });
    if (item)
      await tx.reviewItem.update({
        where: { id: item.id },
        data: { status: "DONE", evaluationId: evaluation.id, closedAt: new Date() },
      });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "quality.evaluation.submit",
      targetType: "evaluation",
      targetId: evaluation.id,
      data: {
        callId: call.id,
        versionId: version.id,
        score: result.score,
        isPassed: result.isPassed,
      },
      ip: actor.ip,
    });
    for (const c of criteria) {
      const autoValue = autoValues.get(c.id);
      const value = input.answers[c.id] ?? "na";
      if (autoValue === undefined || autoValue === value) continue;
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "quality.answer.override",
        targetType: "evaluation",
        targetId: evaluation.id,
        data: { callId: call.id, criterionId: c.id, autoValue, value },
        ip: actor.ip,
      });
    }
    return evaluation;
  });
}

export async function listEvaluations(actor: Actor, raw: ListEvaluationsInput) {
  const input = listEvaluationsInput.parse(raw);
  const where = {
    ...visibleEvaluations(actor),
    ...(input.managerId ? { managerId: input.managerId } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.hasOpenDispute ? { disputes: { some: { status: "OPEN" as const } } } : {}),
  };
  // A manager's filter on someone else is simply their own list narrowed to nothing.
  if (input.managerId && !canReviewQuality(actor) && input.managerId !== actor.userId)
    return { items: [], total: 0 };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.evaluation.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: input.limit,
      skip: input.offset,
      select: {
        id: true,
        callId: true,
        status: true,
        score: true,
        isPassed: true,
        hasCriticalFail: true,
        createdAt: true,
        reviewer: { select: { id: true, name: true } },
        manager: { select: { id: true, name: true } },
        version: { select: { name: true, version: true } },
        call: { select: { startedAt: true, fromNumber: true, toNumber: true, direction: true } },
        _count: { select: { disputes: { where: { status: "OPEN" } } } },
      },
    }),
    db.evaluation.count({ where }),
  ]);
  return {
    items: rows.map(({ _count, ...row }) => ({ ...row, openDisputes: _count.disputes })),
    total,
  };
}

/** The manager accepts the evaluation as it is. */
export async function acknowledgeEvaluation(actor: Actor, evaluationId: string) {
  const userId = requireUserId(actor);
  return getDb().$transaction(async (tx) => {
    const evaluation = await tx.evaluation.findFirst({
      where: { id: evaluationId, tenantId: actor.tenantId, managerId: userId },
      select: { id: true, status: true },
    });
    if (!evaluation) throw new AppError("NOT_FOUND", "Evaluation not found");
    if (evaluation.status !== "SUBMITTED")
      throw new AppError("CONFLICT", "This evaluation was already acknowledged or disputed");
    await tx.evaluation.update({
      where: { id: evaluation.id },
      data: { status: "ACKNOWLEDGED", acknowledgedAt: new Date() },
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: userId,
      action: "quality.evaluation.acknowledge",
      targetType: "evaluation",
      targetId: evaluation.id,
      ip: actor.ip,
    });
    return { evaluationId: evaluation.id, status: "ACKNOWLEDGED" as const };
  });
}
