import { z } from "zod";
import { reportFiltersInput } from "@/lib/schemas/reports";

// Scorecards, evaluations, disputes and the review queue: one set of schemas for the forms, the
// procedures and the stored version content (read back with scorecardContent).

export const criterionKindSchema = z.enum(["yesNo", "scale"]);
export type CriterionKind = z.infer<typeof criterionKindSchema>;

export const answerValueSchema = z.enum(["yes", "no", "na", "1", "2", "3", "4", "5"]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

const title = z.string().trim().min(1, { error: "required" }).max(200, { error: "too_long" });
const localId = z.string().regex(/^[a-z0-9-]{1,40}$/, { error: "invalid" });

export const criterionSchema = z.object({
  id: localId,
  title,
  description: z.string().trim().max(1000, { error: "too_long" }).default(""),
  kind: criterionKindSchema,
  weight: z
    .int({ error: "invalid_number" })
    .min(1, { error: "too_small" })
    .max(100, { error: "too_big" }),
  isCritical: z.boolean().default(false),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const sectionSchema = z.object({
  id: localId,
  title,
  criteria: z.array(criterionSchema).min(1, { error: "no_criteria" }).max(50),
});
export type Section = z.infer<typeof sectionSchema>;

/** What a version stores: its sections and criteria. Ids are unique across the scorecard. */
export const scorecardContent = z
  .object({ sections: z.array(sectionSchema).min(1, { error: "no_sections" }).max(20) })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    for (const [s, section] of content.sections.entries()) {
      for (const [c, criterion] of section.criteria.entries()) {
        if (seen.has(criterion.id))
          ctx.addIssue({
            code: "custom",
            path: ["sections", s, "criteria", c, "id"],
            message: "duplicate_id",
          });
        seen.add(criterion.id);
      }
    }
  });
export type ScorecardContent = z.infer<typeof scorecardContent>;

export const saveScorecardInput = z.object({
  /** Absent: a new template. Present: a new version of that template. */
  templateId: z.uuid().optional(),
  name: title,
  passThreshold: z
    .int({ error: "invalid_number" })
    .min(0, { error: "too_small" })
    .max(100, { error: "too_big" }),
  content: scorecardContent,
});
export type SaveScorecardInput = z.input<typeof saveScorecardInput>;

export const templateIdInput = z.object({ templateId: z.uuid() });
export const versionIdInput = z.object({ versionId: z.uuid() });
export const evaluationIdInput = z.object({ evaluationId: z.uuid() });
export const callIdInput = z.object({ callId: z.uuid() });

export const archiveTemplateInput = z.object({ templateId: z.uuid(), isArchived: z.boolean() });

export const pinnedCommentSchema = z.object({
  atSec: z
    .number()
    .min(0)
    .max(24 * 3600),
  text: z.string().trim().min(1, { error: "required" }).max(2000, { error: "too_long" }),
  criterionId: localId.nullable().default(null),
});
export type PinnedComment = z.infer<typeof pinnedCommentSchema>;

export const submitEvaluationInput = z.object({
  callId: z.uuid(),
  versionId: z.uuid(),
  reviewItemId: z.uuid().optional(),
  answers: z.record(localId, answerValueSchema),
  comments: z.array(pinnedCommentSchema).max(200).default([]),
  summary: z.string().trim().max(5000, { error: "too_long" }).default(""),
});
export type SubmitEvaluationInput = z.input<typeof submitEvaluationInput>;

export const listEvaluationsInput = z.object({
  managerId: z.uuid().optional(),
  status: z.enum(["SUBMITTED", "ACKNOWLEDGED", "DISPUTED", "RESOLVED"]).optional(),
  /** Only evaluations with a dispute still open. */
  hasOpenDispute: z.boolean().optional(),
  limit: z.int().min(1).max(200).default(50),
  offset: z.int().min(0).default(0),
});
export type ListEvaluationsInput = z.input<typeof listEvaluationsInput>;

export const disputeInput = z.object({
  evaluationId: z.uuid(),
  criterionId: localId,
  comment: z.string().trim().min(1, { error: "required" }).max(2000, { error: "too_long" }),
});

export const resolveDisputeInput = z.object({
  disputeId: z.uuid(),
  decision: z.enum(["ACCEPTED", "REJECTED"]),
  /** The corrected answer when the dispute is accepted. */
  newValue: answerValueSchema.optional(),
  resolution: z.string().trim().min(1, { error: "required" }).max(2000, { error: "too_long" }),
});
export type ResolveDisputeInput = z.input<typeof resolveDisputeInput>;

// ── review queue ──────────────────────────────────────────────────────────────────────────
export const samplingRuleKindSchema = z.enum(["PER_MANAGER_WEEK", "LONGER_THAN", "SILENCE_OVER"]);
export type SamplingRuleKind = z.infer<typeof samplingRuleKindSchema>;

export const samplingRuleInput = z
  .object({
    ruleId: z.uuid().optional(),
    name: title,
    kind: samplingRuleKindSchema,
    count: z.int({ error: "invalid_number" }).min(0).max(100).default(0),
    thresholdSec: z
      .int({ error: "invalid_number" })
      .min(0, { error: "too_small" })
      .max(24 * 3600, { error: "too_big" }),
    templateId: z.uuid({ error: "required" }),
    reviewerIds: z.array(z.uuid()).min(1, { error: "no_reviewers" }).max(50),
    dueDays: z
      .int({ error: "invalid_number" })
      .min(1, { error: "too_small" })
      .max(60, { error: "too_big" }),
    isEnabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.kind === "PER_MANAGER_WEEK" && rule.count < 1)
      ctx.addIssue({ code: "custom", path: ["count"], message: "too_small" });
  });
export type SamplingRuleInput = z.input<typeof samplingRuleInput>;

export const ruleIdInput = z.object({ ruleId: z.uuid() });

export const listQueueInput = z.object({
  /** "mine": the caller's open items; "all": every item (staff), newest first. */
  scope: z.enum(["mine", "all"]).default("mine"),
  status: z.enum(["OPEN", "DONE", "SKIPPED"]).default("OPEN"),
});

export const SKIP_REASONS = ["noRecording", "wrongCall", "tooShort", "duplicate", "other"] as const;
export const skipReviewInput = z
  .object({
    itemId: z.uuid(),
    reason: z.enum(SKIP_REASONS),
    note: z.string().trim().max(500, { error: "too_long" }).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && v.note.length === 0)
      ctx.addIssue({ code: "custom", path: ["note"], message: "required" });
  });
export type SkipReviewInput = z.input<typeof skipReviewInput>;

export const reviewItemIdInput = z.object({ itemId: z.uuid() });

// ── reports ───────────────────────────────────────────────────────────────────────────────
export const qualityReportInput = reportFiltersInput;
export const qualityDrillInput = z.object({
  filters: reportFiltersInput,
  managerId: z.uuid().optional(),
  criterionId: localId.optional(),
  /** Only failed evaluations of the criterion, critical failures, or open disputes. */
  only: z.enum(["all", "failed", "critical", "disputed"]).default("all"),
  limit: z.int().min(1).max(200).default(50),
  offset: z.int().min(0).default(0),
});
export type QualityDrillInput = z.input<typeof qualityDrillInput>;
