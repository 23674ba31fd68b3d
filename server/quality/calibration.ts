import { compareEvaluations } from "@/lib/quality/calibration";
import type { Actor } from "@/server/policy/actor";
import { listCallEvaluations } from "@/server/quality/evaluation-view";

/** Two or more reviewers on one call, criterion by criterion (staff only, see the router). */
export async function calibrateCall(actor: Actor, callId: string) {
  const evaluations = await listCallEvaluations(actor, callId);
  const reviewers = evaluations.map((e) => ({
    evaluationId: e.id,
    reviewerName: e.reviewer?.name ?? null,
    score: e.score,
    isPassed: e.isPassed,
    version: e.version.version,
    templateName: e.version.name,
  }));
  const { rows, scoreSpread } = compareEvaluations(
    evaluations.map((e) => ({
      id: e.id,
      reviewerName: e.reviewer?.name ?? null,
      score: e.score,
      content: e.version.content,
      answers: e.answers,
    })),
  );
  return { reviewers, rows, scoreSpread };
}
