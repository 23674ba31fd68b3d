import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { submitEvaluation } from "@/server/quality/evaluations";
import { saveRule } from "@/server/quality/sampling";
import { saveScorecard } from "@/server/quality/scorecards";
import { checkScriptsForCall } from "@/server/scripts/checks";
import { saveScript } from "@/server/scripts/scripts";
import { actorOf } from "@/server/testing/actors";
import { writeDoneTranscript } from "@/server/testing/transcript-fixture";

// The quality part of an access-suite company: a scorecard, an evaluation of each manager's
// answered call (by the supervisor), a sampling rule, an open review item, and a call script
// checked against a transcript of each answered call.

export type QualityWorld = {
  templateId: string;
  versionId: string;
  /** The manager's own evaluation, and the second manager's. */
  evaluationId: string;
  othersEvaluationId: string;
  ruleId: string;
  reviewItemId: string;
  scriptId: string;
};

export const worldScript = (label: string, templateId: string) => ({
  name: `${label} Script`,
  templateId,
  content: {
    steps: [
      {
        id: "greet",
        title: `${label} greeting`,
        phrases: ["добрый день"],
        criterionId: "greet",
      },
      { id: "offer", title: "Offer", phrases: ["могу предложить"], forbidden: ["не знаю"] },
    ],
  },
});

export const worldScorecard = (label: string) => ({
  name: `${label} Scorecard`,
  passThreshold: 80,
  content: {
    sections: [
      {
        id: "opening",
        title: `${label} opening`,
        criteria: [
          { id: "greet", title: "Greets the client", kind: "yesNo" as const, weight: 40 },
          {
            id: "offer",
            title: "Makes an offer",
            kind: "scale" as const,
            weight: 60,
            isCritical: true,
          },
        ],
      },
    ],
  },
});

export async function seedQuality(world: {
  label: string;
  tenantId: string;
  supervisor: SessionUser;
  calls: { answered: string; othersAnswered: string };
}): Promise<QualityWorld> {
  const reviewer = actorOf(world.tenantId, world.supervisor.id, "SUPERVISOR");
  const card = await saveScorecard(reviewer, worldScorecard(world.label));
  const evaluate = (callId: string) =>
    submitEvaluation(reviewer, {
      callId,
      versionId: card.versionId,
      answers: { greet: "yes", offer: "4" },
      comments: [{ atSec: 1, text: `${world.label} pinned remark`, criterionId: "greet" }],
      summary: `${world.label} summary`,
    });
  const own = await evaluate(world.calls.answered);
  const others = await evaluate(world.calls.othersAnswered);
  const rule = await saveRule(reviewer, {
    name: `${world.label} weekly sample`,
    kind: "LONGER_THAN",
    thresholdSec: 3600,
    templateId: card.templateId,
    reviewerIds: [world.supervisor.id],
    dueDays: 7,
  });
  const item = await getDb().reviewItem.create({
    data: {
      tenantId: world.tenantId,
      callId: world.calls.answered,
      ruleId: rule.ruleId,
      templateId: card.templateId,
      reviewerId: world.supervisor.id,
      dueAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  const script = await saveScript(reviewer, worldScript(world.label, card.templateId));
  for (const callId of [world.calls.answered, world.calls.othersAnswered]) {
    await writeDoneTranscript(world.tenantId, callId, [
      { party: "MANAGER", startMs: 500, endMs: 2500, text: `Добрый день, ${world.label}` },
      { party: "CLIENT", startMs: 3000, endMs: 5000, text: "Здравствуйте" },
    ]);
    await checkScriptsForCall(world.tenantId, callId);
  }
  return {
    scriptId: script.scriptId,
    templateId: card.templateId,
    versionId: card.versionId,
    evaluationId: own.id,
    othersEvaluationId: others.id,
    ruleId: rule.ruleId,
    reviewItemId: item.id,
  };
}

/** Every id of the company's quality rows, for the leak scans. */
export async function qualityMarkers(tenantId: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM scorecard_templates WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM scorecard_versions WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM evaluations WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM evaluation_comments WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM sampling_rules WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM review_items WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM scripts WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM script_versions WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM script_checks WHERE tenant_id = ${tenantId}::uuid
    UNION ALL SELECT id::text FROM transcript_segments WHERE tenant_id = ${tenantId}::uuid`;
  return rows.map((r) => r.id);
}
