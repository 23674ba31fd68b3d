import { allCriteria } from "@/lib/quality/scoring";
import type { ScorecardContent } from "@/lib/schemas/quality";

// The Quality report's figures from evaluation rows, shared by the screen, the CSV and
// /api/v1/reports/quality so the three cannot disagree.

export type ReportEvaluation = {
  id: string;
  managerId: string | null;
  score: number | null;
  isPassed: boolean;
  hasCriticalFail: boolean;
  /** Local date (YYYY-MM-DD) the evaluation was made, in the company's zone. */
  day: string;
  versionId: string;
  answers: Array<{ criterionId: string; isPassed: boolean | null }>;
  disputes: Array<{ status: "OPEN" | "ACCEPTED" | "REJECTED" }>;
};

export type Figures = {
  evaluations: number;
  /** Mean of the scored evaluations, one decimal; null when none had a score. */
  avgScore: number | null;
  /** Share of evaluations that passed, 0…1. */
  passRate: number | null;
  criticalFailures: number;
  disputes: { raised: number; open: number; accepted: number; rejected: number };
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;

export function figuresOf(rows: ReportEvaluation[]): Figures {
  const scored = rows.filter((r) => r.score !== null);
  const disputes = rows.flatMap((r) => r.disputes);
  return {
    evaluations: rows.length,
    avgScore:
      scored.length > 0
        ? round1(scored.reduce((s, r) => s + (r.score ?? 0), 0) / scored.length)
        : null,
    passRate: ratio(rows.filter((r) => r.isPassed).length, rows.length),
    criticalFailures: rows.filter((r) => r.hasCriticalFail).length,
    disputes: {
      raised: disputes.length,
      open: disputes.filter((d) => d.status === "OPEN").length,
      accepted: disputes.filter((d) => d.status === "ACCEPTED").length,
      rejected: disputes.filter((d) => d.status === "REJECTED").length,
    },
  };
}

export type CriterionFigures = {
  criterionId: string;
  title: string;
  isCritical: boolean;
  /** Evaluations where it applied. */
  applicable: number;
  passed: number;
  passRate: number | null;
  /** Failed answers of a criterion that was critical in the version used. */
  criticalFailures: number;
};

export function criteriaFigures(
  rows: ReportEvaluation[],
  versions: ReadonlyMap<string, { createdAt: Date; content: ScorecardContent }>,
): CriterionFigures[] {
  // Titles and the critical flag from the newest version that has the criterion.
  const newestFirst = [...versions.values()].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
  );
  const info = new Map<string, { title: string; isCritical: boolean; order: number }>();
  let order = 0;
  for (const version of newestFirst)
    for (const c of allCriteria(version.content))
      if (!info.has(c.id))
        info.set(c.id, { title: c.title, isCritical: c.isCritical, order: order++ });
  const criticalIn = new Map<string, Set<string>>();
  for (const [versionId, version] of versions)
    criticalIn.set(
      versionId,
      new Set(
        allCriteria(version.content)
          .filter((c) => c.isCritical)
          .map((c) => c.id),
      ),
    );
  const acc = new Map<string, { applicable: number; passed: number; critical: number }>();
  for (const row of rows) {
    for (const answer of row.answers) {
      if (answer.isPassed === null) continue;
      const a = acc.get(answer.criterionId) ?? { applicable: 0, passed: 0, critical: 0 };
      a.applicable++;
      if (answer.isPassed) a.passed++;
      else if (criticalIn.get(row.versionId)?.has(answer.criterionId)) a.critical++;
      acc.set(answer.criterionId, a);
    }
  }
  return [...acc.entries()]
    .map(([criterionId, a]) => ({
      criterionId,
      title: info.get(criterionId)?.title ?? criterionId,
      isCritical: info.get(criterionId)?.isCritical ?? false,
      applicable: a.applicable,
      passed: a.passed,
      passRate: ratio(a.passed, a.applicable),
      criticalFailures: a.critical,
      order: info.get(criterionId)?.order ?? Number.MAX_SAFE_INTEGER,
    }))
    .sort((x, y) => x.order - y.order)
    .map(({ order: _order, ...rest }) => rest);
}

export function seriesByDay(rows: ReportEvaluation[]) {
  const days = new Map<string, ReportEvaluation[]>();
  for (const row of rows) days.set(row.day, [...(days.get(row.day) ?? []), row]);
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, list]) => {
      const f = figuresOf(list);
      return { day, evaluations: f.evaluations, avgScore: f.avgScore, passRate: f.passRate };
    });
}
