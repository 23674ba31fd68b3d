import { describe, expect, it } from "vitest";
import { complianceFigures, type ComplianceRow } from "@/lib/scripts/compliance-math";

const row = (
  stepId: string,
  managerId: string | null,
  day: string,
  status: ComplianceRow["status"],
  count: number,
): ComplianceRow => ({ scriptId: "s", stepId, managerId, day, status, count });

describe("complianceFigures", () => {
  const rows = [
    row("greet", "m1", "2026-12-01", "PASSED", 3),
    row("greet", "m1", "2026-12-02", "MISSED", 1),
    row("offer", "m1", "2026-12-01", "VIOLATED", 2),
    row("offer", "m2", "2026-12-02", "PASSED", 2),
  ];

  it("counts each step, in the script's order", () => {
    const figures = complianceFigures(rows, ["offer", "greet"]);
    expect(figures.steps).toEqual([
      { stepId: "offer", checked: 4, passed: 2, missed: 0, violated: 2, rate: 0.5 },
      { stepId: "greet", checked: 4, passed: 3, missed: 1, violated: 0, rate: 0.75 },
    ]);
    expect(figures.total).toMatchObject({ checked: 8, passed: 5, rate: 0.625 });
  });

  it("counts managers, manager × step and days", () => {
    const figures = complianceFigures(rows, ["greet", "offer"]);
    expect(figures.managers.find((m) => m.managerId === "m1")).toMatchObject({
      checked: 6,
      passed: 3,
      rate: 0.5,
    });
    expect(
      figures.managerSteps.find((m) => m.managerId === "m2" && m.stepId === "offer"),
    ).toMatchObject({ checked: 2, rate: 1 });
    expect(figures.days.map((d) => [d.day, d.rate])).toEqual([
      ["2026-12-01", 0.6],
      ["2026-12-02", 0.667],
    ]);
  });

  it("has no rate without checks", () => {
    expect(complianceFigures([], []).total.rate).toBeNull();
  });
});
