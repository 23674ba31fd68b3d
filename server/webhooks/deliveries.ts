// The delivery log of an endpoint, the body of one delivery on demand, "Resend" and
// "Send test event".
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { webhookDeliveriesInput } from "@/lib/schemas/webhooks";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { wakeJobWorkers } from "@/server/jobs/queue";
import type { Actor } from "@/server/policy/actor";
import { queueAttempt, storeTestMessage } from "@/server/webhooks/emit";
import { getWebhookEndpoint } from "@/server/webhooks/endpoints";
import { webhookIdOf } from "@/server/webhooks/signing";

type DeliveriesInput = z.output<typeof webhookDeliveriesInput>;

const statusFilter = {
  all: undefined,
  failed: ["FAILED"],
  pending: ["PENDING", "SENDING"],
  succeeded: ["SUCCEEDED"],
} as const;

const deliverySelect = {
  id: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  lastStatusCode: true,
  lastLatencyMs: true,
  lastError: true,
  createdAt: true,
  message: { select: { id: true, type: true } },
} satisfies Prisma.WebhookDeliverySelect;

/** Newest first, by (createdAt, id): a page boundary never skips or repeats a delivery. */
export async function listWebhookDeliveries(actor: Actor, input: DeliveriesInput) {
  await getWebhookEndpoint(actor.tenantId, input.endpointId);
  const statuses = statusFilter[input.status];
  const rows = await getDb().webhookDelivery.findMany({
    where: {
      tenantId: actor.tenantId,
      endpointId: input.endpointId,
      ...(statuses ? { status: { in: [...statuses] } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    take: input.limit + 1,
    select: deliverySelect,
  });
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  return {
    deliveries: page.map(({ message, ...d }) => ({
      ...d,
      eventType: message.type,
      webhookId: webhookIdOf(message.id),
    })),
    nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One delivery in full: what was sent, each attempt, the receiver's last answer. */
export async function getWebhookDelivery(actor: Actor, deliveryId: string) {
  const row = await getDb().webhookDelivery.findFirst({
    where: { id: deliveryId, tenantId: actor.tenantId },
    select: {
      ...deliverySelect,
      endpointId: true,
      responseBody: true,
      attemptLog: true,
      message: { select: { id: true, type: true, body: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Delivery not found");
  const { message, attemptLog, ...rest } = row;
  return {
    ...rest,
    eventType: message.type,
    webhookId: webhookIdOf(message.id),
    requestBody: message.body,
    attempts: rest.attempts,
    attemptLog: Array.isArray(attemptLog)
      ? attemptLog.map(
          (a) =>
            a as { at: string; statusCode: number | null; latencyMs: number; error: string | null },
        )
      : [],
  };
}

/**
 * Sends a delivery again now, with the same webhook-id (receivers dedupe on it), and gives it
 * a fresh 24 h of retries. A delivery being sent at this moment is left to finish.
 */
export async function resendWebhookDelivery(actor: Actor, deliveryId: string) {
  const db = getDb();
  const row = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, tenantId: actor.tenantId },
    select: { id: true, status: true, endpoint: { select: { isEnabled: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "Delivery not found");
  if (!row.endpoint.isEnabled)
    throw new AppError("CONFLICT", "Enable the endpoint before resending", {
      reason: "endpoint_disabled",
    });
  if (row.status === "SENDING")
    throw new AppError("CONFLICT", "The delivery is being sent right now", { reason: "sending" });
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: row.id },
      data: { status: "PENDING", nextAttemptAt: now, windowStart: now },
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "webhook.resend",
      targetType: "webhook_delivery",
      targetId: row.id,
      ip: actor.ip,
    });
  });
  await queueAttempt(actor.tenantId, row.id, now, `resend-${randomUUID()}`);
  wakeJobWorkers();
  return { deliveryId: row.id };
}

/** A webhook.test message to this endpoint alone; its delivery shows in the log. */
export async function sendWebhookTest(actor: Actor, endpointId: string) {
  const endpoint = await getWebhookEndpoint(actor.tenantId, endpointId);
  if (!endpoint.isEnabled)
    throw new AppError("CONFLICT", "Enable the endpoint to send it events", {
      reason: "endpoint_disabled",
    });
  const deliveryId = await storeTestMessage(actor.tenantId, endpoint.id);
  return { deliveryId };
}
