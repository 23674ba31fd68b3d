import { describe, expect, it } from "vitest";
import {
  criteriaFigures,
  figuresOf,
  seriesByDay,
  type ReportEvaluation,
} from "@/lib/quality/report-math";
import { scorecardContent } from "@/lib/schemas/quality";

const content = scorecardContent.parse({
  sections: [
    {
      id: "s",
      title: "S",
      criteria: [
        { id: "greet", title: "Greets", kind: "yesNo", weight: 1 },
        { id: "offer", title: "Offer", kind: "scale", weight: 1, isCritical: true },
      ],
    },
  ],
});

const row = (over: Partial<ReportEvaluation>): ReportEvaluation => ({
  id: "e",
  managerId: "m",
  score: 50,
  isPassed: false,
  hasCriticalFail: false,
  day: "2026-03-02",
  versionId: "v1",
  answers: [],
  disputes: [],
  ...over,
});

describe("quality report figures", () => {
  it("averages the scored evaluations and counts passes, critical failures and disputes", () => {
    const rows = [
      row({ score: 100, isPassed: true, disputes: [{ status: "OPEN" }] }),
      row({
        score: 40,
        hasCriticalFail: true,
        disputes: [{ status: "ACCEPTED" }, { status: "REJECTED" }],
      }),
      row({ score: null, isPassed: true, day: "2026-03-03" }),
    ];
    expect(figuresOf(rows)).toEqual({
      evaluations: 3,
      avgScore: 70,
      passRate: 0.667,
      criticalFailures: 1,
      disputes: { raised: 3, open: 1, accepted: 1, rejected: 1 },
    });
    expect(seriesByDay(rows).map((d) => [d.day, d.evaluations, d.avgScore])).toEqual([
      ["2026-03-02", 2, 70],
      ["2026-03-03", 1, null],
    ]);
    expect(figuresOf([]).avgScore).toBeNull();
  });

  it("gives each criterion its pass rate over the evaluations where it applied", () => {
    const versions = new Map([["v1", { createdAt: new Date(0), content }]]);
    const figures = criteriaFigures(
      [
        row({
          answers: [
            { criterionId: "greet", isPassed: true },
            { criterionId: "offer", isPassed: false },
          ],
        }),
        row({
          answers: [
            { criterionId: "greet", isPassed: null },
            { criterionId: "offer", isPassed: true },
          ],
        }),
      ],
      versions,
    );
    expect(figures).toEqual([
      {
        criterionId: "greet",
        title: "Greets",
        isCritical: false,
        applicable: 1,
        passed: 1,
        passRate: 1,
        criticalFailures: 0,
      },
      {
        criterionId: "offer",
        title: "Offer",
        isCritical: true,
        applicable: 2,
        passed: 1,
        passRate: 0.5,
        criticalFailures: 1,
      },
    ]);
  });
});
