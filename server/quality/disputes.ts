import {
  allCriteria,
  isCriterionPassed,
  isValidAnswer,
  scoreEvaluation,
} from "@/lib/quality/scoring";
import {
  answerValueSchema,
  disputeInput,
  resolveDisputeInput,
  type AnswerValue,
  type ResolveDisputeInput,
} from "@/lib/schemas/quality";
import type { z } from "zod";
import { writeAudit } from "@/server/audit/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { requireUserId } from "@/server/policy/policy";
import { toVersionView } from "@/server/quality/scorecards";

// A manager disputes one criterion of their evaluation with a comment; a supervisor accepts
// (correcting the answer, and so the score) or rejects it. Every step is in the audit log.

export async function raiseDispute(actor: Actor, raw: z.input<typeof disputeInput>) {
  const input = disputeInput.parse(raw);
  const userId = requireUserId(actor);
  return getDb().$transaction(async (tx) => {
    const evaluation = await tx.evaluation.findFirst({
      where: { id: input.evaluationId, tenantId: actor.tenantId, managerId: userId },
      select: { id: true, status: true, answers: { select: { criterionId: true, value: true } } },
    });
    if (!evaluation) throw new AppError("NOT_FOUND", "Evaluation not found");
    if (evaluation.status !== "SUBMITTED" && evaluation.status !== "DISPUTED")
      throw new AppError("CONFLICT", "This evaluation can no longer be disputed");
    const answer = evaluation.answers.find((a) => a.criterionId === input.criterionId);
    if (!answer)
      throw new AppError("VALIDATION", "No such criterion on this evaluation", {
        fields: { criterionId: ["invalid"] },
      });
    const existing = await tx.evaluationDispute.findFirst({
      where: { evaluationId: evaluation.id, criterionId: input.criterionId },
      select: { id: true },
    });
    if (existing) throw new AppError("CONFLICT", "This criterion is already disputed");
    const dispute = await tx.evaluationDispute.create({
      data: {
        tenantId: actor.tenantId,
        evaluationId: evaluation.id,
        criterionId: input.criterionId,
        comment: input.comment,
        raisedById: userId,
        previousValue: answer.value,
      },
      select: { id: true },
    });
    await tx.evaluation.update({ where: { id: evaluation.id }, data: { status: "DISPUTED" } });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: userId,
      action: "quality.dispute.raise",
      targetType: "evaluation",
      targetId: evaluation.id,
      data: { disputeId: dispute.id, criterionId: input.criterionId, comment: input.comment },
      ip: actor.ip,
    });
    return { disputeId: dispute.id, status: "OPEN" as const };
  });
}

export async function resolveDispute(actor: Actor, raw: ResolveDisputeInput) {
  const input = resolveDisputeInput.parse(raw);
  const userId = requireUserId(actor);
  return getDb().$transaction(async (tx) => {
    const dispute = await tx.evaluationDispute.findFirst({
      where: { id: input.disputeId, tenantId: actor.tenantId },
      select: {
        id: true,
        status: true,
        criterionId: true,
        evaluation: {
          select: {
            id: true,
            answers: { select: { criterionId: true, value: true } },
            version: {
              select: {
                id: true,
                templateId: true,
                version: true,
                name: true,
                passThreshold: true,
                content: true,
                createdAt: true,
              },
            },
          },
        },
      },
    });
    if (!dispute) throw new AppError("NOT_FOUND", "Dispute not found");
    if (dispute.status !== "OPEN")
      throw new AppError("CONFLICT", "This dispute is already resolved");
    const evaluation = dispute.evaluation;
    const version = toVersionView(evaluation.version);
    const criterion = allCriteria(version.content).find((c) => c.id === dispute.criterionId);
    if (!criterion)
      throw new AppError("CONFLICT", "The disputed criterion is not on the scorecard");
    let newValue: string | null = null;
    if (input.decision === "ACCEPTED") {
      if (!input.newValue || !isValidAnswer(criterion.kind, input.newValue))
        throw new AppError("VALIDATION", "Choose the corrected answer", {
          fields: { newValue: ["required"] },
        });
      newValue = input.newValue;
      const answers: Record<string, AnswerValue> = Object.fromEntries(
        evaluation.answers.map((a) => [
          a.criterionId,
          answerValueSchema.catch("na").parse(a.value),
        ]),
      );
      answers[criterion.id] = input.newValue;
      const result = scoreEvaluation(version.content, answers, version.passThreshold);
      await tx.evaluationAnswer.update({
        where: {
          evaluationId_criterionId: { evaluationId: evaluation.id, criterionId: criterion.id },
        },
        data: {
          value: input.newValue,
          isPassed: isCriterionPassed(criterion.kind, input.newValue),
        },
      });
      await tx.evaluation.update({
        where: { id: evaluation.id },
        data: {
          score: result.score,
          hasCriticalFail: result.hasCriticalFail,
          isPassed: result.isPassed,
        },
      });
    }
    await tx.evaluationDispute.update({
      where: { id: dispute.id },
      data: {
        status: input.decision,
        resolution: input.resolution,
        newValue,
        resolvedById: userId,
        resolvedAt: new Date(),
      },
    });
    const open = await tx.evaluationDispute.count({
      where: { evaluationId: evaluation.id, status: "OPEN" },
    });
    if (open === 0)
      await tx.evaluation.update({ where: { id: evaluation.id }, data: { status: "RESOLVED" } });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: userId,
      action: "quality.dispute.resolve",
      targetType: "evaluation",
      targetId: evaluation.id,
      data: {
        disputeId: dispute.id,
        decision: input.decision,
        newValue,
        resolution: input.resolution,
      },
      ip: actor.ip,
    });
    return { disputeId: dispute.id, status: input.decision };
  });
}
