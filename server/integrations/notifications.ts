import { LRUCache } from "lru-cache";
import { fetchFresh } from "@/server/cache/fetch-fresh";
import { acceptNotification, isLivePathOverloaded } from "@/server/calls/live-path";
import { requirePultSecret } from "@/server/config";
import { decryptSecret } from "@/server/crypto/secret-box";
import { getDb, getPool } from "@/server/db";
import { queryOne } from "@/server/db/sql";
import type { LimitedBody } from "@/server/http/read-limited-body";
import { log } from "@/server/logger";
import {
  MAX_NOTIFICATION_BYTES,
  parseNotification,
  toStorableText,
  verifyNotificationSignature,
} from "@/server/mtt/notifications";

export type ReceiveResult =
  | { status: 200; body: { ok: true; duplicate?: boolean; ignored?: boolean } }
  | { status: 400; body: { error: "malformed"; reason: string } }
  | { status: 401; body: { error: "bad_signature" } }
  | { status: 404; body: { error: "unknown_integration" } }
  | { status: 413; body: { error: "too_large"; limitBytes: number } }
  // Overloaded: answered at once with Retry-After; the PBX resends it later.
  | { status: 503; body: { error: "overloaded" }; retryAfterSec: number }
  | { status: 503; body: { error: "unavailable" } };

const MAX_STORED_BODY = 64 * 1024;
// Keys are generateToken() output (base64url); anything else cannot match and is not looked up.
const NOTIFICATION_KEY = /^[A-Za-z0-9_-]{1,128}$/;
// The PBX waits 3 s for the 2xx: a notification not durable by then is answered 503 (it may
// still be stored; the PBX's resend is then answered as a duplicate).
const DURABLE_WITHIN_MS = 2_000;

/**
 * The PBX's notification endpoint. Authenticated by the unguessable key in the URL and, when the
 * integration signs (or a signature is present), by the HMAC; then checked and parsed once and
 * handed to the live path (server/calls/live-path.ts), which answers as soon as the event is
 * durable in the inbox. A redelivery of the same id answers 200 and goes no further.
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
  try {
    const integration = await findIntegrationByKey(input.notificationKey);
    if (!integration) return { status: 404, body: { error: "unknown_integration" } };
    const mustVerify = integration.signNotifications || input.signature !== null;
    if (
      mustVerify &&
      !verifyNotificationSignature(raw, input.signature, integration.secret ?? "")
    ) {
      log.warn("notification with a bad signature refused", { tenantId: integration.tenantId });
      return { status: 401, body: { error: "bad_signature" } };
    }
    const parsed = parseNotification(raw);
    if (!parsed.ok) {
      await keepRejected(integration.tenantId, raw, parsed.reason, input);
      return { status: 400, body: { error: "malformed", reason: parsed.reason } };
    }
    await touchLastNotification(integration.id);
    if ("ignored" in parsed) {
      log.info("notification of an unknown type ignored", {
        tenantId: integration.tenantId,
        type: parsed.type,
        id: parsed.id,
      });
      return { status: 200, body: { ok: true, ignored: true } };
    }
    const { notification } = parsed;
    // Urgency is decided here, from the checked and parsed notification (a parked call's start).
    if (isLivePathOverloaded(notification)) {
      reportShed();
      return { status: 503, body: { error: "overloaded" }, retryAfterSec: 1 };
    }
    const accepted = await withDeadline(
      acceptNotification(integration.tenantId, notification, raw.toString(), receivedAtMs),
      DURABLE_WITHIN_MS,
    );
    if (accepted === "timeout") {
      log.warn("notification not durable in time; answered 503 for the PBX to resend", {
        tenantId: integration.tenantId,
      });
      return { status: 503, body: { error: "unavailable" } };
    }
    return {
      status: 200,
      body: accepted === "duplicate" ? { ok: true, duplicate: true } : { ok: true },
    };
  } catch (error) {
    // The PBX retries on non-2xx: a database outage must not lose the event or crash the process.
    log.error("notification could not be stored", { error });
    return { status: 503, body: { error: "unavailable" } };
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  // The work goes on (its row may still commit): only the answer stops waiting.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

// Kept for diagnosis with what the database cannot hold (NUL, broken UTF-16) replaced.
async function keepRejected(
  tenantId: string,
  raw: string | Buffer,
  reason: string,
  input: { contentType: string | null; signature: string | null },
): Promise<void> {
  const text = typeof raw === "string" ? raw : raw.subarray(0, MAX_STORED_BODY).toString("utf8");
  await getDb().rejectedNotification.create({
    data: {
      tenantId,
      reason: toStorableText(reason),
      rawBody: toStorableText(text.slice(0, MAX_STORED_BODY)),
      headers: {
        contentType: input.contentType === null ? null : toStorableText(input.contentType),
        signed: input.signature !== null,
      },
    },
  });
}

const SHED_LOG_EVERY_MS = 10_000;
let lastShedLog = 0;
let shedSinceLog = 0;

function reportShed(): void {
  shedSinceLog++;
  const now = Date.now();
  if (now - lastShedLog < SHED_LOG_EVERY_MS) return;
  log.warn("overloaded: PBX notifications answered 503 to be resent later", {
    count: shedSinceLog,
    sinceMs: lastShedLog === 0 ? null : now - lastShedLog,
  });
  lastShedLog = now;
  shedSinceLog = 0;
}

type IntegrationKeyRow = {
  id: string;
  tenantId: string;
  clientSecretEnc: string | null;
  signNotifications: boolean;
};
type KnownIntegration = Omit<IntegrationKeyRow, "clientSecretEnc"> & { secret: string | null };

// Every PBX event starts here, and under load the same few keys arrive hundreds of times a
// second: a known key is remembered briefly, with its secret decrypted once. An unknown key is
// remembered too (junk POSTs to made-up keys cost one lookup per key, not one per request), and
// requests arriving while a key is being looked up wait for that one lookup.
// Changes made here (saveCredentials, the demo set-up) forget the cache at once; another
// instance's catches up within KEY_CACHE_MS.
const KEY_CACHE_MS = 2_000;
const KEY_CACHE_MAX = 1_000;
const keyCache = new LRUCache<string, { known: KnownIntegration | null }>({
  max: KEY_CACHE_MAX,
  ttl: KEY_CACHE_MS,
  fetchMethod: async (key) => ({ known: await lookUpKey(key) }),
});

/** After a change to a notification key, the client secret or the signing setting. */
export function forgetNotificationKeys(): void {
  keyCache.clear();
}

async function findIntegrationByKey(key: string): Promise<KnownIntegration | null> {
  return (await fetchFresh(keyCache, key))?.known ?? null;
}

async function lookUpKey(key: string): Promise<KnownIntegration | null> {
  // Plain SQL, see server/db/sql.ts.
  const row = await queryOne<IntegrationKeyRow>(
    getPool(),
    `SELECT id, tenant_id AS "tenantId", client_secret_enc AS "clientSecretEnc",
       sign_notifications AS "signNotifications"
     FROM mtt_integrations WHERE notification_key = $1`,
    [key],
  );
  return row
    ? {
        id: row.id,
        tenantId: row.tenantId,
        signNotifications: row.signNotifications,
        secret: row.clientSecretEnc
          ? decryptSecret(row.clientSecretEnc, requirePultSecret())
          : null,
      }
    : null;
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
  const now = Date.now();
  if (now - (lastTouched.get(integrationId) ?? 0) < TOUCH_EVERY_MS) return;
  lastTouched.set(integrationId, now);
  // A stamp that fails is retried by the next notification; it never fails the notification.
  await getPool()
    .query(
      `UPDATE mtt_integrations SET last_notification_at = now()
       WHERE id = $1::uuid AND (last_notification_at IS NULL
         OR last_notification_at < now() - make_interval(secs => $2))`,
      [integrationId, TOUCH_EVERY_MS / 1000],
    )
    .catch((error: unknown) => {
      lastTouched.delete(integrationId);
      log.warn("could not stamp the last notification", { error });
    });
}
