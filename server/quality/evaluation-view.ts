import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { visibleEvaluations } from "@/server/policy/policy";
import { toVersionView } from "@/server/quality/scorecards";

// How an evaluation reads back: its scorecard version, answers, pinned comments and disputes.

export const evaluationSelect = {
  id: true,
  callId: true,
  status: true,
  score: true,
  hasCriticalFail: true,
  isPassed: true,
  summary: true,
  acknowledgedAt: true,
  createdAt: true,
  reviewer: { select: { id: true, name: true } },
  manager: { select: { id: true, name: true } },
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
  answers: { select: { criterionId: true, value: true, isPassed: true, autoValue: true } },
  comments: {
    select: { id: true, atSec: true, text: true, criterionId: true },
    orderBy: { atSec: "asc" },
  },
  disputes: {
    select: {
      id: true,
      criterionId: true,
      comment: true,
      status: true,
      resolution: true,
      previousValue: true,
      newValue: true,
      createdAt: true,
      resolvedAt: true,
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.EvaluationSelect;

type EvaluationRow = Prisma.EvaluationGetPayload<{ select: typeof evaluationSelect }>;

export function toEvaluationView(row: EvaluationRow) {
  return { ...row, version: toVersionView(row.version) };
}
export type EvaluationView = ReturnType<typeof toEvaluationView>;

export async function getEvaluation(actor: Actor, evaluationId: string): Promise<EvaluationView> {
  const row = await getDb().evaluation.findFirst({
    where: { id: evaluationId, ...visibleEvaluations(actor) },
    select: evaluationSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "Evaluation not found");
  return toEvaluationView(row);
}

/** The evaluations of one call the actor may read, oldest first (calibration compares them). */
export async function listCallEvaluations(actor: Actor, callId: string): Promise<EvaluationView[]> {
  const rows = await getDb().evaluation.findMany({
    where: { callId, ...visibleEvaluations(actor) },
    select: evaluationSelect,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toEvaluationView);
}
