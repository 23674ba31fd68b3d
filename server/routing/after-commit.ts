import type { AppliedCall } from "../calls/ingest";
import type { MttNotification } from "../mtt/types";
import { log } from "../logger";
import { routeParkedCall } from "./route-parked-call";
import { invalidateCalls } from "./snapshot";

const DEFAULT_PARK_TIMEOUT_MS = 5_000;

/**
 * Called by the notification endpoint right after a call notification committed (never for a
 * redelivery). Marks "who is on a call" stale and, for a parked incoming call, starts the
 * decision without making the PBX's HTTP request wait for it.
 */
export function afterCallStored(
  tenantId: string,
  notification: MttNotification,
  applied: AppliedCall,
  receivedAtMs: number,
): void {
  invalidateCalls(tenantId);
  if (notification.type !== "callStarted") return;
  const { data } = notification;
  if (!data.parked || data.direction !== "incoming") return;
  setImmediate(() => {
    routeParkedCall(tenantId, {
      callId: applied.callId,
      externalId: data.callId,
      from: data.from,
      to: data.to,
      parkTimeoutMs: data.parkTimeoutMs || DEFAULT_PARK_TIMEOUT_MS,
      receivedAtMs,
      parkedAtMs: notification.occurredAt.getTime(),
    }).catch((error: unknown) => log.error("routing failed", { tenantId, error }));
  });
}
