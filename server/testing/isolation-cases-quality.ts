import type { IsolationSpec } from "@/server/testing/isolation-cases";
import { worldScorecard, worldScript } from "@/server/testing/tenant-world-quality";

// The quality procedures in the isolation suite (merged into isolationSpecs).

const NONE = [undefined];
const NOT_FOUND = ["NOT_FOUND"] as const;
const INVALID = ["BAD_REQUEST"] as const;

const period = () => {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Moscow" }).format(new Date());
  return { from: day, to: day };
};

function expectNoEvaluations(value: unknown): void {
  const answer = value as { items?: unknown[]; total?: unknown };
  if (
    (answer.items?.length ?? 0) !== 0 ||
    (typeof answer.total === "object" ? 0 : (answer.total ?? 0)) !== 0
  )
    throw new Error(`listed another company's evaluations: ${JSON.stringify(value)}`);
}

function expectEmptyList(value: unknown): void {
  if (!Array.isArray(value) || value.length !== 0)
    throw new Error(`answered another company's rows: ${JSON.stringify(value)}`);
}

function expectNoQualityFigures(value: unknown): void {
  const report = value as { total?: { evaluations?: number }; managers?: unknown[] };
  if ((report.total?.evaluations ?? 0) !== 0 || (report.managers?.length ?? 0) !== 0)
    throw new Error(`counted another company's evaluations: ${JSON.stringify(value)}`);
}

const scriptSpecs: Record<string, IsolationSpec> = {
  "scripts.list": { own: () => NONE },
  "scripts.get": {
    own: (a) => [{ scriptId: a.quality.scriptId }],
    foreign: (_a, b) => [{ input: { scriptId: b.quality.scriptId }, refuse: NOT_FOUND }],
  },
  "scripts.save": {
    own: (a) => [{ ...worldScript("Alpha", a.quality.templateId), name: "Alpha Fresh Script" }],
    foreign: (a, b) => [
      {
        input: { ...worldScript("Alpha", a.quality.templateId), scriptId: b.quality.scriptId },
        refuse: NOT_FOUND,
      },
      {
        input: { ...worldScript("Alpha", b.quality.templateId), name: "Alpha foreign card" },
        refuse: INVALID,
      },
    ],
  },
  "scripts.forCall": {
    own: (a) => [{ callId: a.calls.answered }],
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: NOT_FOUND }],
  },
  "scripts.recheck": {
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: NOT_FOUND }],
  },
  "scripts.compliance": { own: () => [period()] },
  "scripts.drill": {
    own: (a) => [{ ...period(), scriptId: a.quality.scriptId, stepId: "greet" }],
    foreign: (a, b) => [
      {
        input: { ...period(), scriptId: b.quality.scriptId, stepId: "greet", status: "MISSED" },
        check: expectNoEvaluations,
      },
      {
        input: {
          ...period(),
          scriptId: a.quality.scriptId,
          stepId: "offer",
          managerId: b.manager.id,
        },
        check: expectNoEvaluations,
      },
    ],
  },
};

export const qualityIsolationSpecs: Record<string, IsolationSpec> = {
  "quality.templates": { own: () => [{ withArchived: true }] },
  "quality.template": {
    own: (a) => [{ templateId: a.quality.templateId }],
    foreign: (_a, b) => [{ input: { templateId: b.quality.templateId }, refuse: NOT_FOUND }],
  },
  "quality.version": {
    own: (a) => [{ versionId: a.quality.versionId }],
    foreign: (_a, b) => [{ input: { versionId: b.quality.versionId }, refuse: NOT_FOUND }],
  },
  "quality.saveTemplate": {
    own: () => [{ ...worldScorecard("Alpha"), name: "Alpha Fresh Scorecard" }],
    foreign: (_a, b) => [
      {
        input: { ...worldScorecard("Alpha"), templateId: b.quality.templateId },
        refuse: NOT_FOUND,
      },
    ],
  },
  "quality.archiveTemplate": {
    foreign: (_a, b) => [
      { input: { templateId: b.quality.templateId, isArchived: true }, refuse: NOT_FOUND },
    ],
  },
  "quality.submit": {
    foreign: (a, b) => [
      {
        input: {
          callId: b.calls.answered,
          versionId: a.quality.versionId,
          answers: { greet: "yes", offer: "5" },
        },
        refuse: NOT_FOUND,
      },
      {
        input: {
          callId: a.calls.othersAnswered,
          versionId: b.quality.versionId,
          answers: { greet: "yes", offer: "5" },
        },
        refuse: NOT_FOUND,
      },
    ],
  },
  "quality.callEvaluations": {
    own: (a) => [{ callId: a.calls.answered }],
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, check: expectEmptyList }],
  },
  "quality.evaluation": {
    own: (a) => [{ evaluationId: a.quality.evaluationId }],
    foreign: (_a, b) => [{ input: { evaluationId: b.quality.evaluationId }, refuse: NOT_FOUND }],
  },
  "quality.evaluations": {
    own: () => [{}],
    foreign: (_a, b) => [{ input: { managerId: b.manager.id }, check: expectNoEvaluations }],
  },
  "quality.acknowledge": {
    foreign: (_a, b) => [{ input: { evaluationId: b.quality.evaluationId }, refuse: NOT_FOUND }],
  },
  "quality.dispute": {
    foreign: (_a, b) => [
      {
        input: { evaluationId: b.quality.evaluationId, criterionId: "greet", comment: "Mine" },
        refuse: NOT_FOUND,
      },
    ],
  },
  "quality.resolveDispute": {
    // Any uuid: B has no dispute; an id that is not A's is simply not found.
    foreign: (_a, b) => [
      {
        input: { disputeId: b.quality.evaluationId, decision: "REJECTED", resolution: "No" },
        refuse: NOT_FOUND,
      },
    ],
  },
  "quality.calibration": {
    own: (a) => [{ callId: a.calls.answered }],
    foreign: (_a, b) => [
      {
        input: { callId: b.calls.answered },
        check: (value) => expectEmptyList((value as { reviewers: unknown[] }).reviewers),
      },
    ],
  },
  "quality.rules": { own: () => NONE },
  "quality.reviewers": { own: () => NONE },
  "quality.saveRule": {
    foreign: (a, b) => [
      {
        input: {
          ruleId: b.quality.ruleId,
          name: "Hijacked",
          kind: "LONGER_THAN",
          thresholdSec: 60,
          templateId: a.quality.templateId,
          reviewerIds: [a.supervisor.id],
          dueDays: 3,
        },
        refuse: NOT_FOUND,
      },
      {
        input: {
          name: "Alpha foreign template",
          kind: "LONGER_THAN",
          thresholdSec: 60,
          templateId: b.quality.templateId,
          reviewerIds: [a.supervisor.id],
          dueDays: 3,
        },
        refuse: INVALID,
      },
      {
        input: {
          name: "Alpha foreign reviewer",
          kind: "LONGER_THAN",
          thresholdSec: 60,
          templateId: a.quality.templateId,
          reviewerIds: [b.supervisor.id],
          dueDays: 3,
        },
        refuse: INVALID,
      },
    ],
  },
  "quality.deleteRule": {
    foreign: (_a, b) => [{ input: { ruleId: b.quality.ruleId }, refuse: NOT_FOUND }],
  },
  "quality.runSampling": { own: () => NONE },
  "quality.queue": { own: () => [{ scope: "all", status: "OPEN" }] },
  "quality.next": { own: () => NONE },
  "quality.reviewItem": {
    own: (a) => [{ itemId: a.quality.reviewItemId }],
    foreign: (_a, b) => [{ input: { itemId: b.quality.reviewItemId }, refuse: NOT_FOUND }],
  },
  "quality.skip": {
    foreign: (_a, b) => [
      { input: { itemId: b.quality.reviewItemId, reason: "wrongCall" }, refuse: NOT_FOUND },
    ],
  },
  "quality.report": {
    own: () => [period()],
    foreign: (_a, b) => [
      { input: { ...period(), managerIds: [b.manager.id] }, check: expectNoQualityFigures },
    ],
  },
  "quality.drill": {
    own: () => [{ filters: period() }],
    foreign: (_a, b) => [
      {
        input: { filters: { ...period(), managerIds: [b.manager.id] } },
        check: expectNoEvaluations,
      },
      { input: { filters: period(), managerId: b.manager.id }, check: expectNoEvaluations },
    ],
  },
  ...scriptSpecs,
};
