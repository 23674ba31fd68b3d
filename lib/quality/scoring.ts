import type {
  AnswerValue,
  Criterion,
  CriterionKind,
  ScorecardContent,
} from "@/lib/schemas/quality";

// The score arithmetic of an evaluation, shared by the form (live total) and the server (the
// stored figure). Each criterion earns a share of its weight: yes 1, no 0, a 1–5 scale
// (v − 1) / 4. Not-applicable answers leave the criterion out of both sums. A critical criterion
// answered "no" or below 3 fails the evaluation whatever the total.

/** A scale answer of 3 or more counts as passed (pass rates, critical criteria). */
export const SCALE_PASS_FROM = 3;

export const answersFor = (kind: CriterionKind): AnswerValue[] =>
  kind === "yesNo" ? ["yes", "no", "na"] : ["1", "2", "3", "4", "5", "na"];

export function isValidAnswer(kind: CriterionKind, value: AnswerValue): boolean {
  return answersFor(kind).includes(value);
}

/** 0…1, or null when not applicable. */
export function criterionPoints(kind: CriterionKind, value: AnswerValue): number | null {
  if (value === "na") return null;
  if (kind === "yesNo") return value === "yes" ? 1 : 0;
  return (Number(value) - 1) / 4;
}

export function isCriterionPassed(kind: CriterionKind, value: AnswerValue): boolean | null {
  if (value === "na") return null;
  if (kind === "yesNo") return value === "yes";
  return Number(value) >= SCALE_PASS_FROM;
}

export const allCriteria = (content: ScorecardContent): Criterion[] =>
  content.sections.flatMap((section) => section.criteria);

/** Each criterion's weight as a percent of the scorecard's total weight, to one decimal. */
export function weightShares(content: ScorecardContent): Map<string, number> {
  const criteria = allCriteria(content);
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return new Map(
    criteria.map((c) => [c.id, total > 0 ? Math.round((c.weight / total) * 1000) / 10 : 0]),
  );
}

export type ScoreResult = {
  /** 0…100 to one decimal; null when every answered criterion was not applicable. */
  score: number | null;
  hasCriticalFail: boolean;
  isPassed: boolean;
  criticalFailures: string[];
  /** Criteria with no answer yet (the form cannot be submitted while any remain). */
  missing: string[];
};

export function scoreEvaluation(
  content: ScorecardContent,
  answers: Readonly<Record<string, AnswerValue | undefined>>,
  passThreshold: number,
): ScoreResult {
  let earned = 0;
  let possible = 0;
  const missing: string[] = [];
  const criticalFailures: string[] = [];
  for (const criterion of allCriteria(content)) {
    const value = answers[criterion.id];
    if (value === undefined || !isValidAnswer(criterion.kind, value)) {
      missing.push(criterion.id);
      continue;
    }
    const points = criterionPoints(criterion.kind, value);
    if (points === null) continue;
    earned += points * criterion.weight;
    possible += criterion.weight;
    if (criterion.isCritical && isCriterionPassed(criterion.kind, value) === false)
      criticalFailures.push(criterion.id);
  }
  const score = possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null;
  const hasCriticalFail = criticalFailures.length > 0;
  return {
    score,
    hasCriticalFail,
    isPassed: !hasCriticalFail && (score === null || score >= passThreshold),
    criticalFailures,
    missing,
  };
}
