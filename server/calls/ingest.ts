import { autoCreateClientForCaller } from "../clients/auto-create";
import type { Prisma } from "../db";
import { parseNotification } from "../mtt/notifications";
import { syncTasksForCall } from "../tasks/sync";
import { foldCallEvents, type CallNotification } from "./fold";

type Tx = Prisma.TransactionClient;

export function isCallNotification(n: { type: string }): n is CallNotification {
  return n.type !== "settingsChanged";
}

function parseStored(payload: Prisma.JsonValue): CallNotification | null {
  const parsed = parseNotification(JSON.stringify(payload));
  return parsed.ok && "notification" in parsed && isCallNotification(parsed.notification)
    ? parsed.notification
    : null;
}

export type AppliedCall = {
  callId: string;
  managerId: string | null;
  previousManagerId: string | null;
  isRingingNow: boolean;
};

/**
 * Applies one stored notification to its call, inside the notification's transaction. The call
 * is re-folded from all of its events, so order and duplicates do not matter; the row lock
 * taken by the upsert serialises concurrent events of the same call.
 */
export async function applyCallNotification(
  tx: Tx,
  tenantId: string,
  notification: CallNotification,
): Promise<AppliedCall> {
  const externalId = notification.data.callId;
  const rows = await tx.$queryRaw<Array<{ id: string; manager_id: string | null }>>`
    INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, started_at, last_event_at, updated_at)
    VALUES (gen_random_uuid(), ${tenantId}::uuid, ${externalId}, 'IN', '', '', 'RINGING', ${notification.occurredAt}, ${notification.occurredAt}, now())
    ON CONFLICT (tenant_id, external_id) DO UPDATE SET updated_at = now()
    RETURNING id, manager_id`;
  const row = rows[0];
  if (!row) throw new Error("call upsert returned nothing");
  await tx.callEvent.updateMany({
    where: { tenantId, notificationId: notification.id },
    data: { callId: row.id, processedAt: new Date() },
  });
  const stored = await tx.callEvent.findMany({
    where: { callId: row.id },
    select: { payload: true },
  });
  const events = stored
    .map((e) => parseStored(e.payload))
    .filter((e): e is CallNotification => e !== null);
  const folded = foldCallEvents(events.length > 0 ? events : [notification]);

  const workplace = folded.workplaceExternalId
    ? await tx.workplace.findUnique({
        where: { tenantId_externalId: { tenantId, externalId: folded.workplaceExternalId } },
        select: { id: true, user: { select: { id: true } } },
      })
    : null;
  const otherParty = folded.direction === "OUT" ? folded.to : folded.from;
  const client = otherParty
    ? await tx.clientPhone.findUnique({
        where: { tenantId_e164: { tenantId, e164: otherParty } },
        select: { clientId: true },
      })
    : null;
  // Off by default: unknown callers stay unknown unless the tenant turned auto-create on.
  const clientId =
    client?.clientId ??
    (folded.direction === "IN" && otherParty
      ? await autoCreateClientForCaller(tx, tenantId, otherParty)
      : null);
  const managerId = workplace?.user?.id ?? null;
  await tx.call.update({
    where: { id: row.id },
    data: {
      direction: folded.direction ?? "IN",
      fromNumber: folded.from ?? "",
      toNumber: folded.to ?? "",
      state: folded.state,
      result: folded.result,
      startedAt: folded.startedAt,
      parkExpiresAt: folded.parkExpiresAt,
      ringingAt: folded.ringingAt,
      answeredAt: folded.answeredAt,
      endedAt: folded.endedAt,
      durationSec: folded.durationSec,
      talkSec: folded.talkSec,
      isClickToCall: folded.isClickToCall,
      hasRecording: folded.hasRecording,
      lastEventAt: folded.lastEventAt,
      workplaceId: workplace?.id ?? null,
      managerId,
      clientId,
    },
  });
  // Follow-up tasks: missed calls open one, an answered callback closes it.
  await syncTasksForCall(tx, tenantId, row.id);
  const isRingingNow =
    folded.state === "RINGING" &&
    (notification.type === "callDelivered" || notification.type === "callRedirected");
  return { callId: row.id, managerId, previousManagerId: row.manager_id, isRingingNow };
}
