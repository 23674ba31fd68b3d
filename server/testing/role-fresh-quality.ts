import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { raiseDispute } from "@/server/quality/disputes";
import { saveRule } from "@/server/quality/sampling";
import { saveScorecard } from "@/server/quality/scorecards";
import { actorOf } from "@/server/testing/actors";
import type { TenantWorld } from "@/server/testing/tenant-world";
import { worldScorecard } from "@/server/testing/tenant-world-quality";

// The quality rows one call of the roles suite uses up, made anew for each call so every
// permitted call succeeds; undefined for the procedures whose validInput can be reused.

/** An evaluation of A's answered call in which `managerId` is the evaluated manager. */
async function evaluationOf(a: TenantWorld, managerId: string): Promise<string> {
  const evaluation = await getDb().evaluation.create({
    data: {
      tenantId: a.tenantId,
      callId: a.calls.answered,
      versionId: a.quality.versionId,
      reviewerId: a.supervisor.id,
      managerId,
      score: 100,
      isPassed: true,
      answers: {
        create: [
          { tenantId: a.tenantId, criterionId: "greet", value: "yes", isPassed: true },
          { tenantId: a.tenantId, criterionId: "offer", value: "5", isPassed: true },
        ],
      },
    },
    select: { id: true },
  });
  return evaluation.id;
}

export async function freshQualityInput(
  path: string,
  a: TenantWorld,
  user: SessionUser,
  n: number,
): Promise<unknown> {
  const supervisor = actorOf(a.tenantId, a.supervisor.id, "SUPERVISOR");
  switch (path) {
    case "quality.submit": {
      const card = await saveScorecard(supervisor, {
        ...worldScorecard("Alpha"),
        name: `Alpha fresh scorecard ${n}`,
      });
      return {
        callId: a.calls.answered,
        versionId: card.versionId,
        answers: { greet: "yes", offer: "5" },
      };
    }
    case "quality.acknowledge":
      return { evaluationId: await evaluationOf(a, user.id) };
    case "quality.dispute":
      return {
        evaluationId: await evaluationOf(a, user.id),
        criterionId: "greet",
        comment: "I did greet",
      };
    case "quality.resolveDispute": {
      const evaluationId = await evaluationOf(a, a.manager.id);
      const manager = actorOf(a.tenantId, a.manager.id, "MANAGER");
      const { disputeId } = await raiseDispute(manager, {
        evaluationId,
        criterionId: "offer",
        comment: "Offered",
      });
      return { disputeId, decision: "ACCEPTED", newValue: "4", resolution: "Fair point" };
    }
    case "quality.deleteRule": {
      const { ruleId } = await saveRule(supervisor, {
        name: `Alpha fresh rule ${n}`,
        kind: "LONGER_THAN",
        thresholdSec: 600,
        templateId: a.quality.templateId,
        reviewerIds: [a.supervisor.id],
        dueDays: 7,
      });
      return { ruleId };
    }
    case "quality.skip": {
      const item = await getDb().reviewItem.create({
        data: {
          tenantId: a.tenantId,
          callId: a.calls.answered,
          templateId: a.quality.templateId,
          reviewerId: a.supervisor.id,
          dueAt: new Date(),
        },
        select: { id: true },
      });
      return { itemId: item.id, reason: "other", note: "Test call" };
    }
    default:
      return undefined;
  }
}
