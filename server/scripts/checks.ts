import { allCriteria } from "@/lib/quality/scoring";
import type { Criterion } from "@/lib/schemas/quality";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { toVersionView } from "@/server/quality/scorecards";
import { scriptApplies } from "@/server/scripts/applicable";
import { autoAnswersOf } from "@/server/scripts/auto-answers";
import { matchScript, prepareTranscript, type StepResult } from "@/server/scripts/matcher";
import { scriptVersionSelect, toScriptVersionView } from "@/server/scripts/scripts";

// Checks a call's finished transcript against every script that applies to it, stores the result
// of each step with its evidence, and answers the scorecard criteria the steps link to as "auto"
// answers (ScriptAutoAnswer). A check never touches an evaluation: what a reviewer submits, auto
// answers accepted or overridden, is what counts, so re-checking cannot undo an override.

export type CheckOutcome =
  { status: "noTranscript" } | { status: "noScript" } | { status: "checked"; checks: number };

async function criteriaOf(
  tx: Prisma.TransactionClient,
  tenantId: string,
  templateId: string,
): Promise<Criterion[]> {
  // Criterion ids are kept across a template's versions: answer against its newest wording.
  const template = await tx.scorecardTemplate.findFirst({
    where: { id: templateId, tenantId },
    select: { latestVersion: true },
  });
  if (!template) return [];
  const version = await tx.scorecardVersion.findFirstOrThrow({
    where: { tenantId, templateId, version: template.latestVersion },
    select: {
      id: true,
      templateId: true,
      version: true,
      name: true,
      passThreshold: true,
      content: true,
      createdAt: true,
    },
  });
  return allCriteria(toVersionView(version).content);
}

type CallRow = {
  id: string;
  direction: string;
  fromNumber: string;
  toNumber: string;
  managerId: string | null;
  startedAt: Date;
};

async function storeCheck(
  tx: Prisma.TransactionClient,
  tenantId: string,
  call: CallRow,
  version: ReturnType<typeof toScriptVersionView>,
  results: StepResult[],
) {
  const count = (status: StepResult["status"]) => results.filter((r) => r.status === status).length;
  const figures = {
    versionId: version.id,
    managerId: call.managerId,
    callStartedAt: call.startedAt,
    passed: count("PASSED"),
    missed: count("MISSED"),
    violated: count("VIOLATED"),
    checkedAt: new Date(),
  };
  const check = await tx.scriptCheck.upsert({
    where: { callId_scriptId: { callId: call.id, scriptId: version.scriptId } },
    create: { tenantId, callId: call.id, scriptId: version.scriptId, ...figures },
    update: figures,
    select: { id: true },
  });
  await tx.scriptStepResult.deleteMany({ where: { checkId: check.id } });
  await tx.scriptStepResult.createMany({
    data: results.map((r, position) => ({
      tenantId,
      checkId: check.id,
      callId: call.id,
      scriptId: version.scriptId,
      stepId: r.stepId,
      position,
      status: r.status,
      reason: r.reason,
      evidence: r.evidence,
      managerId: call.managerId,
      callStartedAt: call.startedAt,
    })),
  });
  await tx.scriptAutoAnswer.deleteMany({ where: { checkId: check.id } });
  if (version.templateId === null) return;
  const answers = autoAnswersOf(
    version.content,
    results,
    await criteriaOf(tx, tenantId, version.templateId),
  );
  for (const answer of answers) {
    const data = { value: answer.value, checkId: check.id, stepIds: answer.stepIds };
    await tx.scriptAutoAnswer.upsert({
      where: {
        callId_templateId_criterionId: {
          callId: call.id,
          templateId: version.templateId,
          criterionId: answer.criterionId,
        },
      },
      create: {
        tenantId,
        callId: call.id,
        templateId: version.templateId,
        criterionId: answer.criterionId,
        ...data,
      },
      update: data,
    });
  }
}

/**
 * Checks the call's transcript against the scripts that apply to it. Called when a transcript
 * becomes DONE and by "re-check"; running it again replaces the stored results.
 */
export async function checkScriptsForCall(tenantId: string, callId: string): Promise<CheckOutcome> {
  const db = getDb();
  const call = await db.call.findFirst({
    where: { id: callId, tenantId },
    select: {
      id: true,
      direction: true,
      fromNumber: true,
      toNumber: true,
      managerId: true,
      startedAt: true,
    },
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  const transcript = await db.transcript.findFirst({
    where: { tenantId, callId, status: "DONE" },
    select: { id: true },
  });
  if (!transcript) return { status: "noTranscript" };
  const scripts = (
    await db.script.findMany({
      where: { tenantId, isEnabled: true },
      select: { id: true, isEnabled: true, directions: true, numbers: true, latestVersion: true },
    })
  ).filter((script) => scriptApplies(script, call));
  if (scripts.length === 0) return { status: "noScript" };
  const [segments, versionRows] = await Promise.all([
    db.transcriptSegment.findMany({
      where: { tenantId, transcriptId: transcript.id },
      orderBy: [{ startMs: "asc" }, { id: "asc" }],
      select: { id: true, party: true, startMs: true, endMs: true, text: true },
    }),
    db.scriptVersion.findMany({
      where: {
        tenantId,
        OR: scripts.map((s) => ({ scriptId: s.id, version: s.latestVersion })),
      },
      select: scriptVersionSelect,
    }),
  ]);
  const prepared = prepareTranscript(segments);
  const versions = versionRows.map(toScriptVersionView);
  await db.$transaction(async (tx) => {
    for (const version of versions)
      await storeCheck(tx, tenantId, call, version, matchScript(version.content, prepared));
  });
  return { status: "checked", checks: versions.length };
}

/** A supervisor's "re-check": the same check, in the audit log. */
export async function recheckCall(actor: Actor, callId: string): Promise<CheckOutcome> {
  const outcome = await checkScriptsForCall(actor.tenantId, callId);
  await writeAudit(getDb(), {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "quality.script.recheck",
    targetType: "call",
    targetId: callId,
    data: outcome,
    ip: actor.ip,
  });
  return outcome;
}
