import { getDb, getPool } from "../db";
import type { LimitedBody } from "../http/read-limited-body";
import { queryOne } from "../db/sql";
import { log } from "../logger";
import {
  MAX_NOTIFICATION_BYTES,
  parseNotification,
  toStorableText,
  verifyNotificationSignature,
} from "../mtt/notifications";
import { decryptSecret } from "../crypto/secret-box";
import { requirePultSecret } from "../config";
import { enqueueStructureSync } from "./sync-job";
import { storeNotification } from "../calls/ingest";
import { publishCall } from "../calls/publish";
import { publishTaskChange } from "../tasks/publish";
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
// Keys are generateToken() output (base64url); anything else cannot match and is not looked up.
const NOTIFICATION_KEY = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The PBX's notification endpoint. Authenticated by the unguessable key in the URL and, when the
 * integration signs (or a signature is present), by the HMAC. Acknowledged only after the event is
 * stored; a redelivery of the same id is a no-op that still answers 200.
 */
export async function receiveNotification(input: {
  notificationKey: string;
  /** Exactly as received: the signature covers these bytes. */
  rawBody: string | Uint8Array;
  signature: string | null;
  contentType: string | null;
}): Promise<ReceiveResult> {
  // Refused before any lookup: a huge body must cost nothing and is not kept.
  const receivedAtMs = performance.now();
  const raw = typeof input.rawBody === "string" ? input.rawBody : Buffer.from(input.rawBody);
  if (Buffer.byteLength(raw) > MAX_NOTIFICATION_BYTES) {
    return { status: 413, body: { error: "too_large", limitBytes: MAX_NOTIFICATION_BYTES } };
  }
  if (!NOTIFICATION_KEY.test(input.notificationKey))
    return { status: 404, body: { error: "unknown_integration" } };
  const db = getDb();
  try {
    const integration = await findIntegrationByKey(input.notificationKey);
    if (!integration) return { status: 404, body: { error: "unknown_integration" } };
    const mustVerify = integration.signNotifications || input.signature !== null;
    if (mustVerify) {
      const secret = integration.clientSecretEnc
        ? decryptSecret(integration.clientSecretEnc, requirePultSecret())
        : null;
      if (!secret || !verifyNotificationSignature(raw, input.signature, secret)) {
        log.warn("notification with a bad signature refused", { tenantId: integration.tenantId });
        return { status: 401, body: { error: "bad_signature" } };
      }
    }
    const parsed = parseNotification(raw);
    if (!parsed.ok) {
      const text =
        typeof raw === "string" ? raw : raw.subarray(0, MAX_STORED_BODY).toString("utf8");
      // Kept for diagnosis with what the database cannot hold (NUL, broken UTF-16) replaced.
      await db.rejectedNotification.create({
        data: {
          tenantId: integration.tenantId,
          reason: toStorableText(parsed.reason),
          rawBody: toStorableText(text.slice(0, MAX_STORED_BODY)),
          headers: {
            contentType: input.contentType === null ? null : toStorableText(input.contentType),
            signed: input.signature !== null,
          },
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
    const stored = await storeNotification(integration.tenantId, notification, raw.toString());
    const isDuplicate = stored === "duplicate";
    const applied = stored === "duplicate" || stored === "stored" ? null : stored;
    // Routing: only the instance that inserted the event decides a parked call, after commit.
    if (applied) afterCallStored(integration.tenantId, notification, applied, receivedAtMs);
    if (!isDuplicate && notification.type === "settingsChanged")
      await enqueueStructureSync(integration.tenantId);
    // After commit and independent of each other: the task owner, the health stamp, the board.
    if (applied?.task) publishTaskChange(integration.tenantId, applied.task);
    await Promise.all([
      touchLastNotification(integration.id),
      applied ? publishCall(integration.tenantId, applied) : null,
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

type IntegrationKeyRow = {
  id: string;
  tenantId: string;
  clientSecretEnc: string | null;
  signNotifications: boolean;
};

// Every PBX event starts here, and under load the same few keys arrive hundreds of times a
// second: a known key is remembered briefly. Changes made here (saveCredentials, the demo
// set-up) forget it at once; another instance's cache catches up within KEY_CACHE_MS. Unknown
// keys are always looked up.
const KEY_CACHE_MS = 2_000;
const KEY_CACHE_MAX = 1_000;
const keyCache = new Map<string, { row: IntegrationKeyRow; at: number }>();

/** After a change to a notification key, the client secret or the signing setting. */
export function forgetNotificationKeys(): void {
  keyCache.clear();
}

async function findIntegrationByKey(key: string): Promise<IntegrationKeyRow | null> {
  const now = performance.now();
  const hit = keyCache.get(key);
  if (hit && now - hit.at < KEY_CACHE_MS) return hit.row;
  // Plain SQL, see server/db/sql.ts.
  const row = await queryOne<IntegrationKeyRow>(
    getPool(),
    `SELECT id, tenant_id AS "tenantId", client_secret_enc AS "clientSecretEnc",
       sign_notifications AS "signNotifications"
     FROM mtt_integrations WHERE notification_key = $1`,
    [key],
  );
  if (!row) keyCache.delete(key);
  else {
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(key, { row, at: now });
  }
  return row;
}

/**
 * The endpoint as both callers see it — the Next route handler and the custom server's own
 * fast path for POST /api/mtt/<key>: a body read up to the limit, then receiveNotification.
 */
export function receiveNotificationBody(input: {
  notificationKey: string;
  body: LimitedBody;
  signature: string | null;
  contentType: string | null;
}): Promise<ReceiveResult> {
  if (!input.body.ok) {
    return Promise.resolve(
      input.body.reason === "too_large"
        ? { status: 413, body: { error: "too_large", limitBytes: MAX_NOTIFICATION_BYTES } }
        : { status: 400, body: { error: "malformed", reason: "unreadable body" } },
    );
  }
  return receiveNotification({
    notificationKey: input.notificationKey,
    rawBody: input.body.bytes,
    signature: input.signature,
    contentType: input.contentType,
  });
}

// Health shows "last notification received"; under load, one write per few seconds is plenty.
const TOUCH_EVERY_MS = 5_000;

// Per process: skips the write entirely between stamps, so a busy feed costs no query per event.
const lastTouched = new Map<string, number>();

async function touchLastNotification(integrationId: string): Promise<void> {
  const now = new Date();
  if (now.getTime() - (lastTouched.get(integrationId) ?? 0) < TOUCH_EVERY_MS) return;
  lastTouched.set(integrationId, now.getTime());
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
