import type { Prisma } from "../db";
import { getTenantSettings } from "../tenants/settings";
import { canResolve, chooseAssignee, classifyCall, resolutionSeconds } from "./rules";

type Tx = Prisma.TransactionClient;

export type TaskChange = {
  taskId: string;
  assigneeId: string | null;
  change: "created" | "missed_again" | "attempt" | "resolved";
};

const openCallbackSelect = {
  id: true,
  assigneeId: true,
  clientId: true,
  createdAt: true,
  call: { select: { startedAt: true, endedAt: true } },
} satisfies Prisma.TaskSelect;

/**
 * Keeps callback tasks in step with one call, inside the notification's transaction. Each call
 * is accounted for at most once (task_calls is unique by call), so redelivered or re-applied
 * events change nothing. Calls with the same number are serialised by an advisory lock, so two
 * missed calls arriving together still make one task.
 */
export async function syncTasksForCall(
  tx: Tx,
  tenantId: string,
  callId: string,
): Promise<TaskChange | null> {
  const call = await tx.call.findFirst({
    where: { id: callId, tenantId },
    select: {
      id: true,
      direction: true,
      state: true,
      result: true,
      startedAt: true,
      endedAt: true,
      answeredAt: true,
      isClickToCall: true,
      fromNumber: true,
      toNumber: true,
      clientId: true,
      taskLinks: { select: { id: true } },
    },
  });
  if (!call || call.taskLinks.length > 0) return null;
  const meaning = classifyCall(call);
  if (!meaning) return null;
  if (meaning.kind === "attempt" && !(await employeeAnswered(tx, call.id))) return null;

  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`task:${tenantId}:${meaning.phone}`}))) AS l`;
  const open = await tx.task.findFirst({
    where: {
      tenantId,
      kind: "CALLBACK",
      status: "OPEN",
      OR: [{ phone: meaning.phone }, ...(call.clientId ? [{ clientId: call.clientId }] : [])],
    },
    orderBy: { createdAt: "asc" },
    select: openCallbackSelect,
  });

  if (meaning.kind === "missed") {
    if (open) {
      await link(tx, tenantId, open.id, call.id, "MISSED");
      if (!open.clientId && call.clientId)
        await tx.task.update({ where: { id: open.id }, data: { clientId: call.clientId } });
      return { taskId: open.id, assigneeId: open.assigneeId, change: "missed_again" };
    }
    const assigneeId = await assigneeFor(tx, tenantId, call.clientId);
    const task = await tx.task.create({
      data: {
        tenantId,
        kind: "CALLBACK",
        phone: meaning.phone,
        clientId: call.clientId,
        callId: call.id,
        assigneeId,
      },
      select: { id: true },
    });
    await link(tx, tenantId, task.id, call.id, "MISSED");
    return { taskId: task.id, assigneeId, change: "created" };
  }

  if (!open) return null;
  if (meaning.kind === "attempt") {
    await link(tx, tenantId, open.id, call.id, "ATTEMPT");
    return { taskId: open.id, assigneeId: open.assigneeId, change: "attempt" };
  }

  const missedAt = open.call?.endedAt ?? open.call?.startedAt ?? open.createdAt;
  const answeredAt = call.answeredAt ?? call.startedAt;
  if (!canResolve(missedAt, answeredAt)) return null;
  await link(tx, tenantId, open.id, call.id, "RESOLVED");
  await tx.task.update({
    where: { id: open.id },
    data: {
      status: "DONE",
      closedAt: answeredAt,
      closedByCallId: call.id,
      resolutionSec: resolutionSeconds(missedAt, answeredAt),
    },
  });
  return { taskId: open.id, assigneeId: open.assigneeId, change: "resolved" };
}

// A click-to-call the employee never picked up did not reach the client: not an attempt.
async function employeeAnswered(tx: Tx, callId: string): Promise<boolean> {
  const answered = await tx.callEvent.count({ where: { callId, type: "callAnswered" } });
  return answered > 0;
}

async function link(
  tx: Tx,
  tenantId: string,
  taskId: string,
  callId: string,
  role: "MISSED" | "ATTEMPT" | "RESOLVED",
): Promise<void> {
  await tx.taskCall.create({ data: { tenantId, taskId, callId, role } });
}

async function assigneeFor(tx: Tx, tenantId: string, clientId: string | null) {
  const client = clientId
    ? await tx.client.findFirst({
        where: { id: clientId, tenantId },
        select: { personalManager: { select: { id: true, status: true } } },
      })
    : null;
  const manager = client?.personalManager;
  const personalManagerId = manager && manager.status !== "DISABLED" ? manager.id : null;
  if (personalManagerId) return personalManagerId;
  const { defaultOwnerId } = await getTenantSettings(tenantId, tx);
  const owner = defaultOwnerId
    ? await tx.user.findFirst({
        where: { id: defaultOwnerId, tenantId, status: { not: "DISABLED" } },
        select: { id: true },
      })
    : null;
  return chooseAssignee({ personalManagerId, defaultOwnerId: owner?.id ?? null });
}
