// The company's CRM lookup address for routing's "ask the CRM" action (Settings → Webhooks). Its
// requests are signed like webhooks, with a secret of their own shown once.
import type { SaveCrmLookupInput } from "@/lib/schemas/webhooks";
import { writeAudit } from "@/server/audit/audit";
import { requirePultSecret } from "@/server/config";
import { encryptSecret } from "@/server/crypto/secret-box";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { invalidateRules } from "@/server/routing/snapshot";
import { isCrmUrlAllowed } from "@/server/webhooks/outbound";
import { generateWebhookSecret } from "@/server/webhooks/signing";

export async function getCrmLookup(tenantId: string) {
  const row = await getDb().crmLookup.findUnique({
    where: { tenantId },
    select: { url: true, updatedAt: true },
  });
  return row ? { url: row.url, updatedAt: row.updatedAt } : null;
}

/** Saves the address; the first save makes the secret and answers it (the only time). */
export async function saveCrmLookup(actor: Actor, input: SaveCrmLookupInput) {
  if (!(await isCrmUrlAllowed(input.url)))
    throw new AppError("VALIDATION", "The URL points at a private or loopback address", {
      fieldErrors: { url: ["private_url"] },
    });
  const db = getDb();
  const secret = generateWebhookSecret();
  const result = await db.$transaction(async (tx) => {
    const existing = await tx.crmLookup.findUnique({
      where: { tenantId: actor.tenantId },
      select: { tenantId: true },
    });
    if (existing)
      await tx.crmLookup.update({ where: { tenantId: actor.tenantId }, data: { url: input.url } });
    else
      await tx.crmLookup.create({
        data: {
          tenantId: actor.tenantId,
          url: input.url,
          secretEnc: encryptSecret(secret, requirePultSecret()),
        },
      });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "crm_lookup.save",
      targetType: "crm_lookup",
      data: { url: input.url },
      ip: actor.ip,
    });
    return { secret: existing ? null : secret };
  });
  invalidateRules(actor.tenantId);
  return result;
}

export async function rotateCrmLookupSecret(actor: Actor) {
  const db = getDb();
  const secret = generateWebhookSecret();
  await db.$transaction(async (tx) => {
    const updated = await tx.crmLookup.updateMany({
      where: { tenantId: actor.tenantId },
      data: { secretEnc: encryptSecret(secret, requirePultSecret()) },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "No CRM lookup address saved");
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "crm_lookup.rotate_secret",
      targetType: "crm_lookup",
      ip: actor.ip,
    });
  });
  invalidateRules(actor.tenantId);
  return { secret };
}
