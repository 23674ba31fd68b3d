import type { Prisma } from "@/server/generated/prisma/client";

export type AuditEntry = {
  tenantId: string;
  actorUserId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
};

type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

/** Written inside the same transaction as the change it describes, so the log never lies. */
export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ?? {},
      ip: entry.ip ?? null,
    },
  });
}
