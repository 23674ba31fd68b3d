import { z } from "zod";
import {
  archiveTemplateInput,
  callIdInput,
  disputeInput,
  evaluationIdInput,
  listEvaluationsInput,
  listQueueInput,
  qualityDrillInput,
  qualityReportInput,
  resolveDisputeInput,
  reviewItemIdInput,
  ruleIdInput,
  samplingRuleInput,
  saveScorecardInput,
  skipReviewInput,
  submitEvaluationInput,
  templateIdInput,
  versionIdInput,
} from "@/lib/schemas/quality";
import { getReportScope } from "@/server/reports/queries";
import { calibrateCall } from "@/server/quality/calibration";
import { raiseDispute, resolveDispute } from "@/server/quality/disputes";
import { getEvaluation, listCallEvaluations } from "@/server/quality/evaluation-view";
import {
  acknowledgeEvaluation,
  listEvaluations,
  submitEvaluation,
} from "@/server/quality/evaluations";
import { getReviewItem, listQueue, nextReview, skipReview } from "@/server/quality/queue";
import { buildQualityReport, drillQuality } from "@/server/quality/report";
import {
  deleteRule,
  listReviewers,
  listRules,
  runSamplingNow,
  saveRule,
} from "@/server/quality/sampling";
import {
  getTemplate,
  getVersion,
  listTemplates,
  saveScorecard,
  setTemplateArchived,
} from "@/server/quality/scorecards";
import { protectedProcedure, router, supervisorProcedure } from "@/server/api/trpc";

// Conversation quality. Supervisors and admins build scorecards, review calls, run the queue
// and resolve disputes; every member reads the evaluations of their own calls (the policy's
// visibleEvaluations) and acknowledges or disputes them.
export const qualityRouter = router({
  templates: supervisorProcedure
    .input(z.object({ withArchived: z.boolean().default(false) }).default({ withArchived: false }))
    .query(({ ctx, input }) => listTemplates(ctx.actor, input)),
  template: supervisorProcedure
    .input(templateIdInput)
    .query(({ ctx, input }) => getTemplate(ctx.actor, input.templateId)),
  version: supervisorProcedure
    .input(versionIdInput)
    .query(({ ctx, input }) => getVersion(ctx.actor, input.versionId)),
  saveTemplate: supervisorProcedure
    .input(saveScorecardInput)
    .mutation(({ ctx, input }) => saveScorecard(ctx.actor, input)),
  archiveTemplate: supervisorProcedure
    .input(archiveTemplateInput)
    .mutation(({ ctx, input }) =>
      setTemplateArchived(ctx.actor, input.templateId, input.isArchived),
    ),

  submit: supervisorProcedure
    .input(submitEvaluationInput)
    .mutation(({ ctx, input }) => submitEvaluation(ctx.actor, input)),
  callEvaluations: protectedProcedure
    .input(callIdInput)
    .query(({ ctx, input }) => listCallEvaluations(ctx.actor, input.callId)),
  evaluation: protectedProcedure
    .input(evaluationIdInput)
    .query(({ ctx, input }) => getEvaluation(ctx.actor, input.evaluationId)),
  evaluations: protectedProcedure
    .input(listEvaluationsInput)
    .query(({ ctx, input }) => listEvaluations(ctx.actor, input)),
  acknowledge: protectedProcedure
    .input(evaluationIdInput)
    .mutation(({ ctx, input }) => acknowledgeEvaluation(ctx.actor, input.evaluationId)),
  dispute: protectedProcedure
    .input(disputeInput)
    .mutation(({ ctx, input }) => raiseDispute(ctx.actor, input)),
  resolveDispute: supervisorProcedure
    .input(resolveDisputeInput)
    .mutation(({ ctx, input }) => resolveDispute(ctx.actor, input)),
  calibration: supervisorProcedure
    .input(callIdInput)
    .query(({ ctx, input }) => calibrateCall(ctx.actor, input.callId)),

  rules: supervisorProcedure.query(({ ctx }) => listRules(ctx.actor)),
  reviewers: supervisorProcedure.query(({ ctx }) => listReviewers(ctx.actor)),
  saveRule: supervisorProcedure
    .input(samplingRuleInput)
    .mutation(({ ctx, input }) => saveRule(ctx.actor, input)),
  deleteRule: supervisorProcedure
    .input(ruleIdInput)
    .mutation(({ ctx, input }) => deleteRule(ctx.actor, input.ruleId)),
  runSampling: supervisorProcedure.mutation(({ ctx }) => runSamplingNow(ctx.actor)),
  queue: supervisorProcedure
    .input(listQueueInput)
    .query(({ ctx, input }) => listQueue(ctx.actor, input)),
  next: supervisorProcedure.query(({ ctx }) => nextReview(ctx.actor)),
  reviewItem: supervisorProcedure
    .input(reviewItemIdInput)
    .query(({ ctx, input }) => getReviewItem(ctx.actor, input.itemId)),
  skip: supervisorProcedure
    .input(skipReviewInput)
    .mutation(({ ctx, input }) => skipReview(ctx.actor, input)),

  report: supervisorProcedure
    .input(qualityReportInput)
    .query(async ({ ctx, input }) =>
      buildQualityReport(await getReportScope(ctx.actor.tenantId, input)),
    ),
  drill: supervisorProcedure
    .input(qualityDrillInput)
    .query(async ({ ctx, input }) =>
      drillQuality(await getReportScope(ctx.actor.tenantId, input.filters), input),
    ),
});
