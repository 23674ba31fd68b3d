// Script compliance figures from grouped step results: per script and step, per manager and per
// local day. Compliance is the share of checked steps that passed; a violated step counts as
// not passed.

export type ComplianceRow = {
  scriptId: string;
  stepId: string;
  managerId: string | null;
  day: string;
  status: "PASSED" | "MISSED" | "VIOLATED";
  count: number;
};

export type StepCounts = { checked: number; passed: number; missed: number; violated: number };

const empty = (): StepCounts => ({ checked: 0, passed: 0, missed: 0, violated: 0 });

function add(counts: StepCounts, row: ComplianceRow): void {
  counts.checked += row.count;
  if (row.status === "PASSED") counts.passed += row.count;
  else if (row.status === "MISSED") counts.missed += row.count;
  else counts.violated += row.count;
}

export const complianceRate = (c: StepCounts): number | null =>
  c.checked === 0 ? null : Math.round((c.passed / c.checked) * 1000) / 1000;

function groupBy<K>(rows: readonly ComplianceRow[], keyOf: (row: ComplianceRow) => K) {
  const groups = new Map<K, StepCounts>();
  for (const row of rows) {
    const key = keyOf(row);
    const counts = groups.get(key) ?? empty();
    add(counts, row);
    groups.set(key, counts);
  }
  return groups;
}

export function complianceFigures(rows: readonly ComplianceRow[], stepOrder: readonly string[]) {
  const steps = [...groupBy(rows, (r) => r.stepId).entries()]
    .map(([stepId, c]) => ({ stepId, ...c, rate: complianceRate(c) }))
    .sort((a, b) => stepOrder.indexOf(a.stepId) - stepOrder.indexOf(b.stepId));
  const managers = [...groupBy(rows, (r) => r.managerId).entries()].map(([managerId, c]) => ({
    managerId,
    ...c,
    rate: complianceRate(c),
  }));
  const managerSteps = [...groupBy(rows, (r) => `${r.managerId ?? ""}|${r.stepId}`).entries()].map(
    ([key, c]) => {
      const [managerId = "", stepId = ""] = key.split("|");
      return { managerId: managerId || null, stepId, ...c, rate: complianceRate(c) };
    },
  );
  const days = [...groupBy(rows, (r) => r.day).entries()]
    .map(([day, c]) => ({ day, ...c, rate: complianceRate(c) }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const total = empty();
  for (const row of rows) add(total, row);
  return { total: { ...total, rate: complianceRate(total) }, steps, managers, managerSteps, days };
}
