import type { MakeCallFailure, TransferFailure } from "@/lib/schemas/control";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { getMttClient } from "@/server/integrations/mtt-client";
import { log } from "@/server/logger";
import { MTT_ERROR, MttApiError } from "@/server/mtt/api-error";
import type { Actor } from "@/server/policy/actor";
import { canTransferAnyCall, requireUserId } from "@/server/policy/policy";

export type MakeCallResult =
  { ok: true; pbxCallId: string } | { ok: false; reason: MakeCallFailure };
export type TransferResult = { ok: true } | { ok: false; reason: TransferFailure };

/** One click-to-call per user per this many ms: a double click must not ring the phone twice. */
export const MAKE_CALL_INTERVAL_MS = 3_000;
const ACTIVE_STATES = ["RINGING", "TALKING", "ON_HOLD"] as const;

type Tx = Prisma.TransactionClient;

async function isConnected(tx: Tx, tenantId: string): Promise<boolean> {
  const integration = await tx.mttIntegration.findUnique({
    where: { tenantId },
    select: { status: true },
  });
  return integration?.status === "CONNECTED";
}

// The PBX's answer, in terms the user can act on. Timeouts are "unreachable": makeCall is
// never retried, so the phone may still ring — the UI says so. Also POST /api/v1/calls's.
export function failureOf(
  error: unknown,
):
  | "workplace_unknown"
  | "invalid_number"
  | "refused"
  | "unreachable"
  | "not_connected"
  | "not_active" {
  if (error instanceof AppError && error.code === "UNAVAILABLE") return "not_connected";
  if (!(error instanceof MttApiError)) throw error;
  if (error.kind === "unauthorized") return "not_connected";
  if (error.kind !== "rpc") return "unreachable";
  if (error.mttCode === MTT_ERROR.WORKPLACE_NOT_FOUND) return "workplace_unknown";
  if (error.mttCode === MTT_ERROR.NUMBER_INVALID) return "invalid_number";
  if (error.mttCode === MTT_ERROR.CALL_NOT_FOUND || error.mttCode === MTT_ERROR.CALL_NOT_PARKED)
    return "not_active";
  return "refused";
}

/** Whether the actor can place calls: their workplace, if it is still in use. */
export async function getCallingStatus(actor: Actor) {
  const user = await getDb().user.findFirst({
    where: { id: requireUserId(actor), tenantId: actor.tenantId },
    select: { workplace: { select: { id: true, name: true, archivedAt: true } } },
  });
  const workplace = user?.workplace && !user.workplace.archivedAt ? user.workplace : null;
  return { workplace: workplace ? { id: workplace.id, name: workplace.name } : null };
}

/**
 * Click-to-call: the PBX rings the signed-in user's workplace, then dials `phone` once they
 * answer. The rate check and the audit entry share one transaction, serialised per user, so two
 * clicks in a row (or from two tabs) make one call.
 */
export async function makeClickToCall(
  actor: Actor,
  input: { phone: string; clientId?: string; taskId?: string },
): Promise<MakeCallResult> {
  const userId = requireUserId(actor);
  const db = getDb();
  const prepared = await db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, tenantId: actor.tenantId },
      select: { workplace: { select: { externalId: true, archivedAt: true } } },
    });
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
    if (!user.workplace || user.workplace.archivedAt) return { fail: "no_workplace" as const };
    if (!(await isConnected(tx, actor.tenantId))) return { fail: "not_connected" as const };
    await checkRefs(tx, actor, input);
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`make-call:${userId}`}))) AS l`;
    const recent = await tx.auditLog.findFirst({
      where: {
        tenantId: actor.tenantId,
        actorUserId: userId,
        action: "call.click_to_call",
        createdAt: { gt: new Date(Date.now() - MAKE_CALL_INTERVAL_MS) },
      },
      select: { id: true },
    });
    if (recent) return { fail: "too_fast" as const };
    const audit = await tx.auditLog.create({
      data: {
        tenantId: actor.tenantId,
        actorUserId: userId,
        action: "call.click_to_call",
        targetType: input.clientId ? "client" : "phone",
        targetId: input.clientId ?? input.phone,
        data: { phone: input.phone, taskId: input.taskId ?? null, outcome: "pending" },
        ip: actor.ip ?? null,
      },
      select: { id: true },
    });
    return { workplaceId: user.workplace.externalId, auditId: audit.id };
  });
  if (prepared.fail !== undefined) return { ok: false, reason: prepared.fail };

  let result: MakeCallResult;
  try {
    const client = await getMttClient(actor.tenantId);
    const { callId } = await client.makeCall({
      workplaceId: prepared.workplaceId,
      to: input.phone,
    });
    result = { ok: true, pbxCallId: callId };
  } catch (error) {
    const reason = failureOf(error);
    if (reason === "not_active") throw error;
    log.warn("makeCall failed", { tenantId: actor.tenantId, reason, error });
    result = { ok: false, reason };
  }
  await db.auditLog.update({
    where: { id: prepared.auditId },
    data: {
      data: {
        phone: input.phone,
        taskId: input.taskId ?? null,
        outcome: result.ok ? "placed" : result.reason,
        pbxCallId: result.ok ? result.pbxCallId : null,
      },
    },
  });
  return result;
}

async function checkRefs(tx: Tx, actor: Actor, input: { clientId?: string; taskId?: string }) {
  if (input.clientId) {
    const client = await tx.client.findFirst({
      where: { id: input.clientId, tenantId: actor.tenantId },
      select: { id: true },
    });
    if (!client) throw new AppError("NOT_FOUND", "Client not found");
  }
  if (input.taskId) {
    const task = await tx.task.findFirst({
      where: { id: input.taskId, tenantId: actor.tenantId },
      select: { id: true },
    });
    if (!task) throw new AppError("NOT_FOUND", "Task not found");
  }
}

/**
 * Blind transfer of an active call to a workplace or a number. Supervisors and admins may move
 * any call of the tenant; a manager only a call they are on.
 */
export async function transferActiveCall(
  actor: Actor,
  input: { callId: string; target: { workplaceId: string } | { number: string } },
): Promise<TransferResult> {
  const db = getDb();
  const call = await db.call.findFirst({
    where: { id: input.callId, tenantId: actor.tenantId },
    select: { id: true, externalId: true, state: true, managerId: true, workplaceId: true },
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  if (!canTransferAnyCall(actor) && call.managerId !== actor.userId)
    throw new AppError("FORBIDDEN", "You can only transfer your own calls");
  if (!(ACTIVE_STATES as readonly string[]).includes(call.state))
    return { ok: false, reason: "not_active" };
  if (!(await isConnected(db, actor.tenantId))) return { ok: false, reason: "not_connected" };

  let target: { workplaceId: string } | { number: string };
  let targetLabel: string;
  if ("workplaceId" in input.target) {
    const workplace = await db.workplace.findFirst({
      where: { id: input.target.workplaceId, tenantId: actor.tenantId, archivedAt: null },
      select: { id: true, externalId: true, name: true },
    });
    if (!workplace) return { ok: false, reason: "workplace_unknown" };
    if (workplace.id === call.workplaceId) return { ok: false, reason: "same_workplace" };
    target = { workplaceId: workplace.externalId };
    targetLabel = workplace.name;
  } else {
    target = { number: input.target.number };
    targetLabel = input.target.number;
  }

  let result: TransferResult;
  try {
    const client = await getMttClient(actor.tenantId);
    await client.transferCall({ callId: call.externalId, target });
    result = { ok: true };
  } catch (error) {
    const reason = failureOf(error);
    log.warn("transferCall failed", { tenantId: actor.tenantId, reason, error });
    result = { ok: false, reason };
  }
  await writeAudit(db, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "call.transfer",
    targetType: "call",
    targetId: call.id,
    data: { target: targetLabel, outcome: result.ok ? "transferred" : result.reason },
    ip: actor.ip ?? null,
  });
  return result;
}
