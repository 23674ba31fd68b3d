import { reportPeriod } from "@/server/testing/isolation-cases";
import type { TenantWorld } from "@/server/testing/tenant-world";
import { worldScorecard, worldScript } from "@/server/testing/tenant-world-quality";

// Valid inputs and a manager's limits for the quality procedures (merged into role-cases.ts).
// Inputs that one call uses up (an evaluation acknowledged, a dispute resolved, an item
// skipped) are made anew for each call by the roles suite (freshQualityInput).

export function qualityInputs(a: TenantWorld, unique: number): Record<string, unknown> {
  const rule = {
    name: `Alpha role rule ${unique}`,
    kind: "PER_MANAGER_WEEK",
    count: 3,
    thresholdSec: 30,
    templateId: a.quality.templateId,
    reviewerIds: [a.supervisor.id],
    dueDays: 7,
  };
  return {
    "quality.templates": {},
    "quality.template": { templateId: a.quality.templateId },
    "quality.version": { versionId: a.quality.versionId },
    "quality.saveTemplate": { ...worldScorecard("Alpha"), name: `Alpha role scorecard ${unique}` },
    "quality.archiveTemplate": { templateId: a.quality.templateId, isArchived: false },
    "quality.submit": {
      callId: a.calls.answered,
      versionId: a.quality.versionId,
      answers: { greet: "yes", offer: "5" },
    },
    "quality.callEvaluations": { callId: a.calls.answered },
    "quality.evaluation": { evaluationId: a.quality.evaluationId },
    "quality.evaluations": {},
    "quality.acknowledge": { evaluationId: a.quality.evaluationId },
    "quality.dispute": {
      evaluationId: a.quality.evaluationId,
      criterionId: "greet",
      comment: "I did",
    },
    "quality.resolveDispute": {
      disputeId: a.quality.evaluationId,
      decision: "REJECTED",
      resolution: "Stands",
    },
    "quality.calibration": { callId: a.calls.answered },
    "quality.saveRule": rule,
    "quality.deleteRule": { ruleId: a.quality.ruleId },
    "quality.queue": { scope: "mine" },
    "quality.reviewItem": { itemId: a.quality.reviewItemId },
    "quality.skip": { itemId: a.quality.reviewItemId, reason: "wrongCall" },
    "quality.report": reportPeriod(),
    "quality.drill": { filters: reportPeriod() },
    "scripts.get": { scriptId: a.quality.scriptId },
    "scripts.save": {
      ...worldScript("Alpha", a.quality.templateId),
      name: `Alpha role script ${unique}`,
    },
    "scripts.forCall": { callId: a.calls.answered },
    "scripts.recheck": { callId: a.calls.answered },
    "scripts.compliance": reportPeriod(),
    "scripts.drill": { ...reportPeriod(), scriptId: a.quality.scriptId, stepId: "greet" },
  };
}

/** What a manager may not do with the quality procedures open to every member. */
export function qualityManagerLimits(a: TenantWorld) {
  return [
    {
      why: "read another manager's evaluation",
      path: "quality.evaluation",
      input: { evaluationId: a.quality.othersEvaluationId },
      code: "NOT_FOUND",
    },
    {
      why: "acknowledge another manager's evaluation",
      path: "quality.acknowledge",
      input: { evaluationId: a.quality.othersEvaluationId },
      code: "NOT_FOUND",
    },
    {
      why: "dispute another manager's evaluation",
      path: "quality.dispute",
      input: {
        evaluationId: a.quality.othersEvaluationId,
        criterionId: "greet",
        comment: "Not me",
      },
      code: "NOT_FOUND",
    },
    {
      why: "read the script checks of another manager's call",
      path: "scripts.forCall",
      input: { callId: a.calls.othersAnswered },
      code: "NOT_FOUND",
    },
  ] as const;
}
