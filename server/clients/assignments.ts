import type { AssignClientsInput, MoveManagerClientsInput } from "@/lib/schemas/clients";
import { queueClientAssigned } from "@/server/webhooks/emit";
import { getDb, type Prisma } from "@/server/db";
import { invalidateClients } from "@/server/routing/snapshot";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import type { Actor } from "@/server/policy/actor";
import { canManageAllClients } from "@/server/policy/policy";
import { assertManagerInTenant } from "@/server/clients/clients";

type Tx = Prisma.TransactionClient;

export const RESTORE_ASSIGNMENTS_QUEUE = "clients.restore-assignments";

function assertSupervisor(actor: Actor): void {
  if (!canManageAllClients(actor))
    throw new AppError("FORBIDDEN", "Only administrators and supervisors reassign clients");
}

type Reassignment = {
  clientIds: string[];
  toManagerId: string | null;
  restoreAt: Date | null;
  reason: string | null;
};

/**
 * Moves clients to another personal manager in one transaction: a ClientAssignment row and an
 * audit row per client that actually changes. With restoreAt, a queued job gives them back.
 */
async function reassign(tx: Tx, actor: Actor, change: Reassignment): Promise<number> {
  const clients = await tx.client.findMany({
    where: { tenantId: actor.tenantId, id: { in: change.clientIds } },
    select: { id: true, personalManagerId: true },
  });
  if (clients.length !== new Set(change.clientIds).size)
    throw new AppError("NOT_FOUND", "Some of the selected clients no longer exist");
  const moving = clients.filter((c) => c.personalManagerId !== change.toManagerId);
  if (moving.length === 0) return 0;
  // A restore needs someone to give the client back to.
  const restoreAt = change.restoreAt;
  await tx.client.updateMany({
    where: { tenantId: actor.tenantId, id: { in: moving.map((c) => c.id) } },
    data: { personalManagerId: change.toManagerId },
  });
  const now = new Date();
  await tx.clientAssignment.createMany({
    data: moving.map((c) => ({
      tenantId: actor.tenantId,
      clientId: c.id,
      fromManagerId: c.personalManagerId,
      toManagerId: change.toManagerId,
      changedById: actor.userId,
      reason: change.reason,
      restoreAt: restoreAt && c.personalManagerId ? restoreAt : null,
      createdAt: now,
    })),
  });
  await queueClientAssigned(
    tx,
    actor.tenantId,
    moving.map((c) => ({
      clientId: c.id,
      fromManagerId: c.personalManagerId,
      toManagerId: change.toManagerId,
      restoreAt: restoreAt && c.personalManagerId ? restoreAt : null,
    })),
  );
  // Bulk moves write the audit rows in one statement; same shape as writeAudit.
  await tx.auditLog.createMany({
    data: moving.map((c) => ({
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "client.assign",
      targetType: "client",
      targetId: c.id,
      data: {
        from: c.personalManagerId,
        to: change.toManagerId,
        restoreAt: restoreAt?.toISOString() ?? null,
        bulk: moving.length > 1,
      },
      ip: actor.ip,
    })),
  });
  if (restoreAt) await scheduleRestore(tx, actor.tenantId, restoreAt);
  return moving.length;
}

// One pending job per tenant and restore time; inside the caller's transaction, so a rolled
// back reassignment leaves no job behind.
async function scheduleRestore(tx: Tx, tenantId: string, restoreAt: Date): Promise<void> {
  const uniqueKey = `${RESTORE_ASSIGNMENTS_QUEUE}:${tenantId}:${restoreAt.toISOString()}`;
  await tx.$executeRaw`
    INSERT INTO jobs (id, tenant_id, queue, payload, run_at, unique_key, updated_at)
    VALUES (gen_random_uuid(), ${tenantId}::uuid, ${RESTORE_ASSIGNMENTS_QUEUE}, '{}'::jsonb,
            ${restoreAt}, ${uniqueKey}, now())
    ON CONFLICT (unique_key) DO NOTHING`;
}

export async function assignClients(actor: Actor, input: AssignClientsInput) {
  assertSupervisor(actor);
  const moved = await getDb().$transaction(async (tx) => {
    await assertManagerInTenant(tx, actor.tenantId, input.toManagerId, "toManagerId");
    return reassign(tx, actor, {
      clientIds: input.clientIds,
      toManagerId: input.toManagerId,
      restoreAt: input.toManagerId ? input.restoreAt : null,
      reason: input.reason,
    });
  });
  invalidateClients(actor.tenantId, input.clientIds);
  return { moved };
}

/** "All clients of A → B", e.g. while A is on vacation until restoreAt. */
export async function moveManagerClients(actor: Actor, input: MoveManagerClientsInput) {
  assertSupervisor(actor);
  const moved = await getDb().$transaction(async (tx) => {
    await assertManagerInTenant(tx, actor.tenantId, input.fromManagerId, "fromManagerId");
    await assertManagerInTenant(tx, actor.tenantId, input.toManagerId, "toManagerId");
    const clients = await tx.client.findMany({
      where: { tenantId: actor.tenantId, personalManagerId: input.fromManagerId },
      select: { id: true },
    });
    if (clients.length === 0) return 0;
    return reassign(tx, actor, {
      clientIds: clients.map((c) => c.id),
      toManagerId: input.toManagerId,
      restoreAt: input.restoreAt,
      reason: input.reason,
    });
  });
  // Bulk: the whole index is cheaper to rebuild than to patch client by client.
  invalidateClients(actor.tenantId);
  return { moved };
}

/**
 * Gives temporarily reassigned clients back once their restore time has come — unless someone
 * reassigned the client again since, or the original manager has been disabled.
 */
export async function restoreDueAssignments(
  tenantId: string,
  now = new Date(),
): Promise<{ restored: number; skipped: number }> {
  const result = await getDb().$transaction(async (tx) => {
    const due = await tx.clientAssignment.findMany({
      where: { tenantId, restoreAt: { lte: now }, restoredAt: null },
      select: {
        id: true,
        clientId: true,
        fromManagerId: true,
        toManagerId: true,
        createdAt: true,
        fromManager: { select: { status: true } },
        client: { select: { personalManagerId: true } },
      },
    });
    let restored = 0;
    const restoredIds: string[] = [];
    for (const a of due) {
      restoredIds.push(a.id);
      const newer = await tx.clientAssignment.count({
        where: { tenantId, clientId: a.clientId, createdAt: { gt: a.createdAt } },
      });
      const isStillThere = a.client.personalManagerId === a.toManagerId;
      const canGoBack = a.fromManagerId !== null && a.fromManager?.status !== "DISABLED";
      if (newer > 0 || !isStillThere || !canGoBack) continue;
      await tx.client.update({
        where: { id: a.clientId },
        data: { personalManagerId: a.fromManagerId },
      });
      await tx.clientAssignment.create({
        data: {
          tenantId,
          clientId: a.clientId,
          fromManagerId: a.toManagerId,
          toManagerId: a.fromManagerId,
          changedById: null,
          reason: "restored",
          createdAt: new Date(Math.max(now.getTime(), a.createdAt.getTime() + 1)),
        },
      });
      await queueClientAssigned(tx, tenantId, [
        { clientId: a.clientId, fromManagerId: a.toManagerId, toManagerId: a.fromManagerId },
      ]);
      await tx.auditLog.create({
        data: {
          tenantId,
          action: "client.assign.restore",
          targetType: "client",
          targetId: a.clientId,
          data: { from: a.toManagerId, to: a.fromManagerId, assignmentId: a.id },
        },
      });
      restored++;
    }
    if (restoredIds.length > 0) {
      await tx.clientAssignment.updateMany({
        where: { id: { in: restoredIds } },
        data: { restoredAt: now },
      });
    }
    const skipped = restoredIds.length - restored;
    if (restoredIds.length > 0)
      log.info("temporary client assignments ended", { tenantId, restored, skipped });
    return { restored, skipped };
  });
  if (result.restored > 0) invalidateClients(tenantId);
  return result;
}
