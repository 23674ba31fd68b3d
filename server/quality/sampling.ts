import { samplingRuleInput, type SamplingRuleInput } from "@/lib/schemas/quality";
import { isStaffRole } from "@/lib/roles";
import { writeAudit } from "@/server/audit/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import type { Actor } from "@/server/policy/actor";
import { findCallsForRule } from "@/server/quality/sampling-query";

// Sampling rules fill the review queue: each picked call becomes a review item for the
// rule's least-loaded reviewer (never the manager who took the call), due in dueDays.

export const QUALITY_SAMPLING_QUEUE = "quality.sample";
export const QUALITY_SAMPLING_EVERY_MS = 15 * 60 * 1000;

const ruleSelect = {
  id: true,
  name: true,
  kind: true,
  count: true,
  thresholdSec: true,
  templateId: true,
  reviewerIds: true,
  dueDays: true,
  isEnabled: true,
  lastRunAt: true,
  template: { select: { name: true, isArchived: true } },
  _count: { select: { items: true } },
} as const;

export async function listRules(actor: Actor) {
  const rows = await getDb().samplingRule.findMany({
    where: { tenantId: actor.tenantId },
    orderBy: { createdAt: "asc" },
    select: ruleSelect,
  });
  return rows.map(({ _count, ...row }) => ({ ...row, itemCount: _count.items }));
}

async function checkRuleTargets(actor: Actor, templateId: string, reviewerIds: string[]) {
  const db = getDb();
  const template = await db.scorecardTemplate.findFirst({
    where: { id: templateId, tenantId: actor.tenantId, isArchived: false },
    select: { id: true },
  });
  if (!template)
    throw new AppError("VALIDATION", "Choose an active scorecard", {
      fields: { templateId: ["invalid"] },
    });
  const reviewers = await db.user.findMany({
    where: { id: { in: reviewerIds }, tenantId: actor.tenantId, status: "ACTIVE" },
    select: { id: true, role: true },
  });
  if (reviewers.length !== new Set(reviewerIds).size || reviewers.some((r) => !isStaffRole(r.role)))
    throw new AppError("VALIDATION", "Reviewers must be active supervisors or admins", {
      fields: { reviewerIds: ["invalid"] },
    });
}

export async function saveRule(actor: Actor, raw: SamplingRuleInput) {
  const input = samplingRuleInput.parse(raw);
  await checkRuleTargets(actor, input.templateId, input.reviewerIds);
  const { ruleId, ...data } = input;
  const values = { ...data, count: data.kind === "PER_MANAGER_WEEK" ? data.count : 0 };
  return getDb().$transaction(async (tx) => {
    let id = ruleId;
    if (id) {
      const updated = await tx.samplingRule.updateMany({
        where: { id, tenantId: actor.tenantId },
        data: values,
      });
      if (updated.count === 0) throw new AppError("NOT_FOUND", "Sampling rule not found");
    } else {
      id = (
        await tx.samplingRule.create({
          data: { tenantId: actor.tenantId, ...values },
          select: { id: true },
        })
      ).id;
    }
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: ruleId ? "quality.rule.update" : "quality.rule.create",
      targetType: "samplingRule",
      targetId: id,
      data: values,
      ip: actor.ip,
    });
    return { ruleId: id };
  });
}

export async function deleteRule(actor: Actor, ruleId: string) {
  return getDb().$transaction(async (tx) => {
    // Open items of the rule stay in the queue; their link to the rule is cleared.
    const deleted = await tx.samplingRule.deleteMany({
      where: { id: ruleId, tenantId: actor.tenantId },
    });
    if (deleted.count === 0) throw new AppError("NOT_FOUND", "Sampling rule not found");
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "quality.rule.delete",
      targetType: "samplingRule",
      targetId: ruleId,
      ip: actor.ip,
    });
    return { ruleId };
  });
}

/** Runs every enabled rule of a company once; answers how many review items it created. */
export async function runSampling(
  tenantId: string,
  now = new Date(),
): Promise<{ created: number }> {
  const db = getDb();
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { timeZone: true },
  });
  if (!tenant) return { created: 0 };
  const rules = await db.samplingRule.findMany({
    where: { tenantId, isEnabled: true, template: { isArchived: false } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      tenantId: true,
      kind: true,
      count: true,
      thresholdSec: true,
      templateId: true,
      reviewerIds: true,
      dueDays: true,
    },
  });
  let created = 0;
  for (const rule of rules) {
    const calls = await findCallsForRule(rule, now, tenant.timeZone);
    const reviewers = await db.user.findMany({
      where: {
        id: { in: rule.reviewerIds },
        tenantId,
        status: "ACTIVE",
        role: { in: ["ADMIN", "SUPERVISOR"] },
      },
      select: { id: true },
    });
    if (reviewers.length > 0 && calls.length > 0) {
      const load = new Map(reviewers.map((r) => [r.id, 0]));
      const open = await db.reviewItem.groupBy({
        by: ["reviewerId"],
        where: { tenantId, status: "OPEN", reviewerId: { in: [...load.keys()] } },
        _count: { _all: true },
      });
      for (const o of open) if (o.reviewerId) load.set(o.reviewerId, o._count._all);
      const dueAt = new Date(now.getTime() + rule.dueDays * 86_400_000);
      // Calls whose manager is one of the reviewers leave fewer choices: give them theirs first,
      // so the rest can even out the load whatever order the calls came in.
      const constrained = (c: { managerId: string | null }) =>
        c.managerId !== null && load.has(c.managerId) ? 0 : 1;
      const ordered = [...calls].sort((a, b) => constrained(a) - constrained(b));
      const rows = ordered.map((call) => {
        const candidates = [...load.entries()].filter(([id]) => id !== call.managerId);
        const pick = (candidates.length > 0 ? candidates : [...load.entries()]).reduce((a, b) =>
          b[1] < a[1] ? b : a,
        );
        load.set(pick[0], pick[1] + 1);
        return {
          tenantId,
          callId: call.callId,
          ruleId: rule.id,
          templateId: rule.templateId,
          reviewerId: pick[0],
          managerId: call.managerId,
          dueAt,
        };
      });
      const result = await db.reviewItem.createMany({ data: rows, skipDuplicates: true });
      created += result.count;
    }
    await db.samplingRule.update({ where: { id: rule.id }, data: { lastRunAt: now } });
  }
  return { created };
}

/** "Run now" from the rules screen. */
export async function runSamplingNow(actor: Actor) {
  const result = await runSampling(actor.tenantId);
  await writeAudit(getDb(), {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "quality.sampling.run",
    data: result,
    ip: actor.ip,
  });
  return result;
}

export const qualitySamplingJob: JobHandler = async () => {
  const tenants = await getDb().samplingRule.findMany({
    where: { isEnabled: true },
    distinct: ["tenantId"],
    select: { tenantId: true },
  });
  for (const { tenantId } of tenants) {
    const { created } = await runSampling(tenantId);
    if (created > 0) log.info("review items sampled", { tenantId, created });
  }
};

/** Who may be given reviews: the company's active supervisors and admins. */
export function listReviewers(actor: Actor) {
  return getDb().user.findMany({
    where: { tenantId: actor.tenantId, status: "ACTIVE", role: { in: ["ADMIN", "SUPERVISOR"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, role: true },
  });
}
