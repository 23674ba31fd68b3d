import type { Criterion } from "@/lib/schemas/quality";
import type { ScriptContent } from "@/lib/scripts/schemas";
import type { StepResult } from "@/server/scripts/matcher";

// The scorecard answers a script check gives: a criterion linked to steps is passed only when
// every step linked to it passed (a violated step fails it too).

/** The answer a step's outcome gives a criterion of its kind. */
export const autoValueFor = (criterion: Pick<Criterion, "kind">, isPassed: boolean): string =>
  criterion.kind === "yesNo" ? (isPassed ? "yes" : "no") : isPassed ? "5" : "1";

/** Linked criteria and the answer their steps give: passed only when every linked step passed. */
export function autoAnswersOf(
  content: ScriptContent,
  results: readonly StepResult[],
  criteria: readonly Criterion[],
): Array<{ criterionId: string; value: string; stepIds: string[] }> {
  const byCriterion = new Map<string, { isPassed: boolean; stepIds: string[] }>();
  for (const step of content.steps) {
    if (step.criterionId === null) continue;
    const result = results.find((r) => r.stepId === step.id);
    const entry = byCriterion.get(step.criterionId) ?? { isPassed: true, stepIds: [] };
    entry.isPassed &&= result?.status === "PASSED";
    entry.stepIds.push(step.id);
    byCriterion.set(step.criterionId, entry);
  }
  return [...byCriterion.entries()].flatMap(([criterionId, entry]) => {
    const criterion = criteria.find((c) => c.id === criterionId);
    // A criterion removed from the scorecard since the script was written answers nothing.
    return criterion
      ? [{ criterionId, value: autoValueFor(criterion, entry.isPassed), stepIds: entry.stepIds }]
      : [];
  });
}
