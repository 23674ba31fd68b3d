import { evidenceSchema, stepReasonSchema } from "@/lib/scripts/schemas";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canReviewQuality, visibleCalls } from "@/server/policy/policy";
import { scriptVersionSelect, toScriptVersionView } from "@/server/scripts/scripts";

// The call page's Script section: whether there is a transcript yet, each script checked with
// its steps and their evidence, and (for reviewers) the scorecard answers the checks gave.

export type CallScriptsState = "noTranscript" | "noScript" | "checked";

export async function getCallScripts(actor: Actor, callId: string) {
  const db = getDb();
  const call = await db.call.findFirst({
    where: { id: callId, ...visibleCalls(actor) },
    select: { id: true },
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  const [transcript, checks] = await Promise.all([
    db.transcript.findFirst({
      where: { tenantId: actor.tenantId, callId },
      select: { status: true },
    }),
    db.scriptCheck.findMany({
      where: { tenantId: actor.tenantId, callId },
      orderBy: { checkedAt: "asc" },
      select: {
        id: true,
        checkedAt: true,
        passed: true,
        missed: true,
        violated: true,
        script: { select: { id: true, name: true } },
        version: { select: scriptVersionSelect },
        steps: {
          orderBy: { position: "asc" },
          select: { stepId: true, status: true, reason: true, evidence: true },
        },
      },
    }),
  ]);
  const autoAnswers = canReviewQuality(actor)
    ? await db.scriptAutoAnswer.findMany({
        where: { tenantId: actor.tenantId, callId },
        select: { templateId: true, criterionId: true, value: true, stepIds: true },
      })
    : [];
  const state: CallScriptsState =
    checks.length > 0 ? "checked" : transcript?.status === "DONE" ? "noScript" : "noTranscript";
  return {
    state,
    transcriptStatus: transcript?.status ?? null,
    checks: checks.map((check) => {
      const version = toScriptVersionView(check.version);
      return {
        id: check.id,
        scriptId: check.script.id,
        scriptName: check.script.name,
        version: version.version,
        templateId: version.templateId,
        checkedAt: check.checkedAt,
        passed: check.passed,
        missed: check.missed,
        violated: check.violated,
        steps: version.content.steps.map((step) => {
          const result = check.steps.find((s) => s.stepId === step.id);
          return {
            stepId: step.id,
            title: step.title,
            party: step.party,
            criterionId: step.criterionId,
            status: result?.status ?? "MISSED",
            reason: stepReasonSchema.catch("notFound").parse(result?.reason),
            evidence: evidenceSchema
              .array()
              .catch([])
              .parse(result?.evidence ?? []),
          };
        }),
      };
    }),
    autoAnswers,
  };
}
export type CallScripts = Awaited<ReturnType<typeof getCallScripts>>;
