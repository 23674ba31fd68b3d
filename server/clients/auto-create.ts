import { formatPhone } from "../../lib/ui/format-phone";
import type { Prisma } from "../db";
import { getTenantSettings } from "../tenants/settings";

type Tx = Prisma.TransactionClient;

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * With the tenant's autoCreateClients on, an incoming call from an unknown number gets a client
 * card named after the number. Runs inside the notification's transaction; the advisory lock
 * makes two calls from the same new number (or two events of one call) create one client.
 */
export async function autoCreateClientForCaller(
  tx: Tx,
  tenantId: string,
  phone: string,
): Promise<string | null> {
  if (!E164.test(phone)) return null;
  const settings = await getTenantSettings(tenantId, tx);
  if (!settings.autoCreateClients) return null;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`client-phone:${tenantId}:${phone}`}, 0))`;
  const existing = await tx.clientPhone.findUnique({
    where: { tenantId_e164: { tenantId, e164: phone } },
    select: { clientId: true },
  });
  if (existing) return existing.clientId;
  const client = await tx.client.create({
    data: {
      tenantId,
      name: formatPhone(phone),
      phones: { create: { tenantId, e164: phone } },
    },
    select: { id: true },
  });
  await tx.auditLog.create({
    data: {
      tenantId,
      action: "client.auto_create",
      targetType: "client",
      targetId: client.id,
      data: { phone },
    },
  });
  return client.id;
}
