import { getDb, type Prisma } from "../db";
import { log } from "../logger";
import {
  MAX_NOTIFICATION_BYTES,
  parseNotification,
  verifyNotificationSignature,
} from "../mtt/notifications";
import { decryptSecret } from "../crypto/secret-box";
import { requirePultSecret } from "../config";
import { enqueueStructureSync } from "./sync-job";
import { applyCallNotification, isCallNotification, type AppliedCall } from "../calls/ingest";
import { publishCall } from "../calls/publish";
import { publishTasksForCall } from "../tasks/publish";
import type { MttNotification } from "../mtt/types";
import { onRecordingReady } from "../recordings/pipeline";
import { afterCallStored } from "../routing/after-commit";

export type ReceiveResult =
  | { status: 200; body: { ok: true; duplicate?: boolean; ignored?: boolean } }
  | { status: 400; body: { error: "malformed"; reason: string } }
  | { status: 401; body: { error: "bad_signature" } }
  | { status: 404; body: { error: "unknown_integration" } }
  | { status: 413; body: { error: "too_large"; limitBytes: number } }
  | { status: 503; body: { error: "unavailable" } };

const MAX_STORED_BODY = 64 * 1024;

/**
 * The PBX's notification endpoint. Authenticated by the unguessable key in the URL and, when the
 * integration signs (or a signature is present), by the HMAC. Acknowledged only after the event is
 * stored; a redelivery of the same id is a no-op that still answers 200.
 */
export async function receiveNotification(input: {
  notificationKey: string;
  rawBody: string;
  signature: string | null;
  contentType: string | null;
}): Promise<ReceiveResult> {
  // Refused before any lookup: a huge body must cost nothing and is not kept.
  const receivedAtMs = performance.now();
  if (Buffer.byteLength(input.rawBody) > MAX_NOTIFICATION_BYTES) {
    return { status: 413, body: { error: "too_large", limitBytes: MAX_NOTIFICATION_BYTES } };
  }
  const db = getDb();
  try {
    const integration = await db.mttIntegration.findUnique({
      where: { notificationKey: input.notificationKey },
      select: { id: true, tenantId: true, clientSecretEnc: true, signNotifications: true },
    });
    if (!integration) return { status: 404, body: { error: "unknown_integration" } };
    const mustVerify = integration.signNotifications || input.signature !== null;
    if (mustVerify) {
      const secret = integration.clientSecretEnc
        ? decryptSecret(integration.clientSecretEnc, requirePultSecret())
        : null;
      if (!secret || !verifyNotificationSignature(input.rawBody, input.signature, secret)) {
        log.warn("notification with a bad signature refused", { tenantId: integration.tenantId });
        return { status: 401, body: { error: "bad_signature" } };
      }
    }
    const parsed = parseNotification(input.rawBody);
    if (!parsed.ok) {
      await db.rejectedNotification.create({
        data: {
          tenantId: integration.tenantId,
          reason: parsed.reason,
          rawBody: input.rawBody.slice(0, MAX_STORED_BODY),
          headers: { contentType: input.contentType, signed: input.signature !== null },
        },
      });
      return { status: 400, body: { error: "malformed", reason: parsed.reason } };
    }
    if ("ignored" in parsed) {
      log.info("notification of an unknown type ignored", {
        tenantId: integration.tenantId,
        type: parsed.type,
        id: parsed.id,
      });
      await touchLastNotification(integration.id);
      return { status: 200, body: { ok: true, ignored: true } };
    }
    const { notification } = parsed;
    const stored = await storeAndApply(integration.tenantId, notification, input.rawBody);
    const isDuplicate = stored === "duplicate";
    const applied = stored === "duplicate" || stored === "stored" ? null : stored;
    // Routing: only the instance that inserted the event decides a parked call, after commit.
    if (applied) afterCallStored(integration.tenantId, notification, applied, receivedAtMs);
    if (!isDuplicate && notification.type === "settingsChanged")
      await enqueueStructureSync(integration.tenantId);
    // After commit and independent of each other: the health stamp, the board, the task owner.
    await Promise.all([
      touchLastNotification(integration.id),
      applied ? publishCall(integration.tenantId, applied) : null,
      applied ? publishTasksForCall(integration.tenantId, applied.callId, notification.type) : null,
    ]);
    // Also on redelivery: the PBX retries if queueing the download failed the first time.
    if (notification.type === "recordingReady")
      await onRecordingReady(integration.tenantId, notification);
    return { status: 200, body: isDuplicate ? { ok: true, duplicate: true } : { ok: true } };
  } catch (error) {
    // The PBX retries on non-2xx: a database outage must not lose the event or crash the process.
    log.error("notification could not be stored", { error });
    return { status: 503, body: { error: "unavailable" } };
  }
}

// Health shows "last notification received"; under load, one write per few seconds is plenty.
const TOUCH_EVERY_MS = 5_000;

async function touchLastNotification(integrationId: string): Promise<void> {
  const now = new Date();
  await getDb().mttIntegration.updateMany({
    where: {
      id: integrationId,
      OR: [
        { lastNotificationAt: null },
        { lastNotificationAt: { lt: new Date(now.getTime() - TOUCH_EVERY_MS) } },
      ],
    },
    data: { lastNotificationAt: now },
  });
}

/**
 * One transaction: the inbox row (unique by notification id, so a redelivery is a no-op) and
 * the call it changes. The caller acknowledges and publishes only after this commits.
 */
async function storeAndApply(
  tenantId: string,
  notification: MttNotification,
  rawBody: string,
): Promise<"duplicate" | "stored" | AppliedCall> {
  // Valid JSON: parseNotification accepted this exact body.
  const payload = JSON.parse(rawBody) as Prisma.InputJsonValue;
  return getDb().$transaction(async (tx) => {
    const inserted = await tx.callEvent.createMany({
      data: [
        {
          tenantId,
          notificationId: notification.id,
          type: notification.type,
          occurredAt: notification.occurredAt,
          payload,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return "duplicate";
    if (!isCallNotification(notification)) return "stored";
    return applyCallNotification(tx, tenantId, notification);
  });
}
