import { allCriteria, criterionPoints } from "@/lib/quality/scoring";
import {
  answerValueSchema,
  type CriterionKind,
  type ScorecardContent,
} from "@/lib/schemas/quality";

// Calibration: two or more reviewers on the same call, compared criterion by criterion.

export type CalibrationInput = {
  id: string;
  reviewerName: string | null;
  score: number | null;
  content: ScorecardContent;
  answers: Array<{ criterionId: string; value: string }>;
};

export type CalibrationRow = {
  criterionId: string;
  title: string;
  kind: CriterionKind;
  /** Per evaluation, in the order given; null where that scorecard version lacks the criterion. */
  values: Array<string | null>;
  /** Largest difference in points (0…1) between two applicable answers; 0 when they agree. */
  spread: number;
  isDifferent: boolean;
};

export function compareEvaluations(evaluations: CalibrationInput[]): {
  rows: CalibrationRow[];
  scoreSpread: number | null;
} {
  const order: Array<{ id: string; title: string; kind: CriterionKind }> = [];
  const seen = new Set<string>();
  // The newest version's wording first; criteria only older versions had come after.
  for (const evaluation of [...evaluations].reverse()) {
    for (const c of allCriteria(evaluation.content)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      order.push({ id: c.id, title: c.title, kind: c.kind });
    }
  }
  const rows = order.map((criterion) => {
    const values = evaluations.map(
      (e) => e.answers.find((a) => a.criterionId === criterion.id)?.value ?? null,
    );
    const points = values
      .map((v) => {
        const parsed = answerValueSchema.safeParse(v);
        return parsed.success ? criterionPoints(criterion.kind, parsed.data) : null;
      })
      .filter((p): p is number => p !== null);
    const spread = points.length > 1 ? Math.max(...points) - Math.min(...points) : 0;
    const present = values.filter((v) => v !== null);
    const isDifferent = new Set(present).size > 1;
    return {
      criterionId: criterion.id,
      title: criterion.title,
      kind: criterion.kind,
      values,
      spread,
      isDifferent,
    };
  });
  const scores = evaluations.map((e) => e.score).filter((s): s is number => s !== null);
  const scoreSpread =
    scores.length > 1 ? Math.round((Math.max(...scores) - Math.min(...scores)) * 10) / 10 : null;
  return { rows, scoreSpread };
}
