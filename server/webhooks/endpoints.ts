// Settings → Webhooks: a company's endpoints. The signing secret is stored encrypted and shown
// once, when created or rotated; every change is in the audit log.
import type { CreateWebhookInput, UpdateWebhookInput } from "@/lib/schemas/webhooks";
import { writeAudit } from "@/server/audit/audit";
import { requirePultSecret } from "@/server/config";
import { encryptSecret } from "@/server/crypto/secret-box";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { isCrmUrlAllowed } from "@/server/webhooks/outbound";
import { generateWebhookSecret } from "@/server/webhooks/signing";
import { noteWebhooksEnabled } from "@/server/webhooks/presence";

export const endpointSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  isEnabled: true,
  failingSince: true,
  disabledReason: true,
  disabledAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

export type WebhookEndpointView = Prisma.WebhookEndpointGetPayload<{
  select: typeof endpointSelect;
}> & {
  stats: { succeeded: number; failed: number; pending: number; lastAttemptAt: Date | null };
};

const DAY_MS = 86_400_000;

/** The company's endpoints with their last day's delivery counts. */
export async function listWebhookEndpoints(tenantId: string): Promise<WebhookEndpointView[]> {
  const db = getDb();
  const [endpoints, counts] = await Promise.all([
    db.webhookEndpoint.findMany({
      where: { tenantId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: endpointSelect,
    }),
    db.webhookDelivery.groupBy({
      by: ["endpointId", "status"],
      where: { tenantId, createdAt: { gt: new Date(Date.now() - DAY_MS) } },
      _count: { _all: true },
    }),
  ]);
  // The newest delivery of each endpoint (its index), not a scan of a month of them.
  const last = await Promise.all(
    endpoints.map(async (e) => ({
      endpointId: e.id,
      at:
        (
          await db.webhookDelivery.findFirst({
            where: { tenantId, endpointId: e.id, lastAttemptAt: { not: null } },
            orderBy: { createdAt: "desc" },
            select: { lastAttemptAt: true },
          })
        )?.lastAttemptAt ?? null,
    })),
  );
  const count = (endpointId: string, statuses: string[]) =>
    counts
      .filter((c) => c.endpointId === endpointId && statuses.includes(c.status))
      .reduce((sum, c) => sum + c._count._all, 0);
  const lastOf = new Map(last.map((l) => [l.endpointId, l.at]));
  return endpoints.map((e) => ({
    ...e,
    stats: {
      succeeded: count(e.id, ["SUCCEEDED"]),
      failed: count(e.id, ["FAILED"]),
      pending: count(e.id, ["PENDING", "SENDING"]),
      lastAttemptAt: lastOf.get(e.id) ?? null,
    },
  }));
}

async function assertUrlAllowed(url: string): Promise<void> {
  if (!(await isCrmUrlAllowed(url)))
    throw new AppError("VALIDATION", "The URL points at a private or loopback address", {
      fieldErrors: { url: ["private_url"] },
    });
}

async function findEndpoint(tenantId: string, endpointId: string) {
  const endpoint = await getDb().webhookEndpoint.findFirst({
    where: { id: endpointId, tenantId },
    select: endpointSelect,
  });
  if (!endpoint) throw new AppError("NOT_FOUND", "Webhook endpoint not found");
  return endpoint;
}

/** Creates an endpoint; the answer carries its secret, the only time anyone sees it. */
export async function createWebhookEndpoint(actor: Actor, input: CreateWebhookInput) {
  await assertUrlAllowed(input.url);
  const secret = generateWebhookSecret();
  const endpoint = await getDb().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        tenantId: actor.tenantId,
        url: input.url,
        description: input.description,
        events: input.events,
        isEnabled: input.isEnabled,
        secretEnc: encryptSecret(secret, requirePultSecret()),
      },
      select: endpointSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "webhook.create",
      targetType: "webhook_endpoint",
      targetId: created.id,
      data: { url: created.url, events: created.events },
      ip: actor.ip,
    });
    return created;
  });
  if (endpoint.isEnabled) noteWebhooksEnabled(actor.tenantId);
  return { endpoint, secret };
}

export async function updateWebhookEndpoint(actor: Actor, input: UpdateWebhookInput) {
  const current = await findEndpoint(actor.tenantId, input.endpointId);
  if (current.url !== input.url) await assertUrlAllowed(input.url);
  return getDb().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: { url: input.url, description: input.description, events: input.events },
      select: endpointSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "webhook.update",
      targetType: "webhook_endpoint",
      targetId: current.id,
      data: { url: updated.url, events: updated.events },
      ip: actor.ip,
    });
    return updated;
  });
}

/** Enabling starts a fresh failure clock; disabling by hand is not "disabled for failing". */
export async function setWebhookEndpointEnabled(
  actor: Actor,
  endpointId: string,
  isEnabled: boolean,
) {
  const current = await findEndpoint(actor.tenantId, endpointId);
  if (isEnabled) noteWebhooksEnabled(actor.tenantId);
  return getDb().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: isEnabled
        ? { isEnabled, failingSince: null, disabledReason: null, disabledAt: null }
        : { isEnabled, disabledReason: null, disabledAt: new Date() },
      select: endpointSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: isEnabled ? "webhook.enable" : "webhook.disable",
      targetType: "webhook_endpoint",
      targetId: current.id,
      ip: actor.ip,
    });
    return updated;
  });
}

/** A new secret at once; the old one stops signing (receivers must take the new one). */
export async function rotateWebhookSecret(actor: Actor, endpointId: string) {
  const current = await findEndpoint(actor.tenantId, endpointId);
  const secret = generateWebhookSecret();
  await getDb().$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: { secretEnc: encryptSecret(secret, requirePultSecret()) },
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "webhook.rotate_secret",
      targetType: "webhook_endpoint",
      targetId: current.id,
      ip: actor.ip,
    });
  });
  return { secret };
}

/** Deletes the endpoint with its delivery log. */
export async function deleteWebhookEndpoint(actor: Actor, endpointId: string) {
  const current = await findEndpoint(actor.tenantId, endpointId);
  await getDb().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: current.id } });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "webhook.delete",
      targetType: "webhook_endpoint",
      targetId: current.id,
      data: { url: current.url },
      ip: actor.ip,
    });
  });
  return { id: current.id };
}

export { findEndpoint as getWebhookEndpoint };

/** Endpoints Pult disabled for failing, for the admins' banner in Settings. */
export function countAutoDisabledEndpoints(tenantId: string): Promise<number> {
  return getDb().webhookEndpoint.count({
    where: { tenantId, isEnabled: false, disabledReason: "failing" },
  });
}
