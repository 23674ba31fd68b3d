import { listQueueInput, skipReviewInput, type SkipReviewInput } from "@/lib/schemas/quality";
import type { z } from "zod";
import { writeAudit } from "@/server/audit/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { requireUserId } from "@/server/policy/policy";

// The review queue: a reviewer's items by due date, the "next call" button, and skipping.

const itemSelect = {
  id: true,
  callId: true,
  status: true,
  dueAt: true,
  skipReason: true,
  evaluationId: true,
  createdAt: true,
  closedAt: true,
  templateId: true,
  rule: { select: { id: true, name: true } },
  reviewer: { select: { id: true, name: true } },
  call: {
    select: {
      startedAt: true,
      durationSec: true,
      talkSec: true,
      direction: true,
      fromNumber: true,
      toNumber: true,
      manager: { select: { id: true, name: true } },
    },
  },
} as const;

export async function listQueue(actor: Actor, raw: z.input<typeof listQueueInput>) {
  const input = listQueueInput.parse(raw);
  const userId = requireUserId(actor);
  const items = await getDb().reviewItem.findMany({
    where: {
      tenantId: actor.tenantId,
      status: input.status,
      ...(input.scope === "mine" ? { reviewerId: userId } : {}),
    },
    orderBy:
      input.status === "OPEN" ? [{ dueAt: "asc" }, { createdAt: "asc" }] : [{ closedAt: "desc" }],
    take: 200,
    select: itemSelect,
  });
  const templates = await getDb().scorecardTemplate.findMany({
    where: { tenantId: actor.tenantId, id: { in: [...new Set(items.map((i) => i.templateId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(templates.map((t) => [t.id, t.name]));
  return items.map((item) => ({ ...item, templateName: names.get(item.templateId) ?? null }));
}

/** The caller's most urgent open item, or null when their queue is empty. */
export async function nextReview(actor: Actor) {
  const userId = requireUserId(actor);
  const item = await getDb().reviewItem.findFirst({
    where: { tenantId: actor.tenantId, reviewerId: userId, status: "OPEN" },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, callId: true },
  });
  const open = await getDb().reviewItem.count({
    where: { tenantId: actor.tenantId, reviewerId: userId, status: "OPEN" },
  });
  return item ? { itemId: item.id, callId: item.callId, open } : null;
}

/** One review item, for the call page opened from the queue. */
export async function getReviewItem(actor: Actor, itemId: string) {
  const item = await getDb().reviewItem.findFirst({
    where: { id: itemId, tenantId: actor.tenantId },
    select: itemSelect,
  });
  if (!item) throw new AppError("NOT_FOUND", "Review item not found");
  return item;
}

export async function skipReview(actor: Actor, raw: SkipReviewInput) {
  const input = skipReviewInput.parse(raw);
  requireUserId(actor);
  return getDb().$transaction(async (tx) => {
    const item = await tx.reviewItem.findFirst({
      where: { id: input.itemId, tenantId: actor.tenantId },
      select: { id: true, status: true, callId: true },
    });
    if (!item) throw new AppError("NOT_FOUND", "Review item not found");
    if (item.status !== "OPEN") throw new AppError("CONFLICT", "This review is already closed");
    const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
    await tx.reviewItem.update({
      where: { id: item.id },
      data: { status: "SKIPPED", skipReason: reason, closedAt: new Date() },
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "quality.review.skip",
      targetType: "reviewItem",
      targetId: item.id,
      data: { callId: item.callId, reason: input.reason, note: input.note },
      ip: actor.ip,
    });
    return { itemId: item.id, status: "SKIPPED" as const };
  });
}
