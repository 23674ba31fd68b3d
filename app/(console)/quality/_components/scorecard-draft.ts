import type { Criterion, ScorecardContent, Section } from "@/lib/schemas/quality";

// The editor's working copy of a scorecard. Ids are made here and kept across versions, so
// reports and calibration follow a criterion through edits.

export type ScorecardDraft = { name: string; passThreshold: number; content: ScorecardContent };

export const newId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export const blankCriterion = (): Criterion => ({
  id: newId("c"),
  title: "",
  description: "",
  kind: "yesNo",
  weight: 10,
  isCritical: false,
});

export const blankSection = (): Section => ({
  id: newId("s"),
  title: "",
  criteria: [blankCriterion()],
});

export const blankScorecard = (): ScorecardDraft => ({
  name: "",
  passThreshold: 80,
  content: { sections: [blankSection()] },
});

export function move<T>(list: T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
