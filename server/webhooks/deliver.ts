// One attempt of one delivery ("webhooks.deliver" job). The delivery row is the truth, the job
// only a wake-up: an attempt first claims the row (so a duplicate job, a resend racing a retry,
// or a second instance does nothing), signs the stored body with a fresh timestamp and the same
// webhook-id, and records the answer. A failure schedules the next attempt with backoff
// (backoff.ts) until 24 h after the first; an endpoint that has failed for 24 h with no success
// in between is disabled and its admins see why.
import { z } from "zod";
import { requirePultSecret } from "@/server/config";
import { decryptSecret } from "@/server/crypto/secret-box";
import { getDb, getPool, type Prisma } from "@/server/db";
import { queryOne } from "@/server/db/sql";
import { wakeJobWorkers } from "@/server/jobs/queue";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { nextAttemptAt, RETRY_WINDOW_MS } from "@/server/webhooks/backoff";
import { queueAttempt } from "@/server/webhooks/emit";
import { postToCrm, type PostOutcome } from "@/server/webhooks/outbound";
import { signWebhook, webhookIdOf } from "@/server/webhooks/signing";

export const DELIVERY_TIMEOUT_MS = 10_000;
const STORED_RESPONSE_CHARS = 4_096;
const ATTEMPT_LOG_SIZE = 20;

type Claimed = {
  id: string;
  tenantId: string;
  endpointId: string;
  messageId: string;
  attempts: number;
  windowStart: Date;
  attemptLog: Prisma.JsonValue;
  url: string;
  secretEnc: string;
  isEnabled: boolean;
  body: string;
};

// A worker that dies mid-request leaves the row SENDING: the next one may take it after this.
const CLAIM_SQL = `UPDATE webhook_deliveries d SET status = 'SENDING',
    locked_until = now() + make_interval(secs => $2::float8 / 1000), updated_at = now()
  FROM webhook_endpoints e, webhook_messages m
  WHERE d.id = $1::uuid AND e.id = d.endpoint_id AND m.id = d.message_id
    AND (d.status = 'PENDING' OR (d.status = 'SENDING' AND d.locked_until < now()))
    AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now() + interval '1 second')
  RETURNING d.id, d.tenant_id AS "tenantId", d.endpoint_id AS "endpointId",
    d.message_id AS "messageId", d.attempts, d.window_start AS "windowStart",
    d.attempt_log AS "attemptLog", e.url, e.secret_enc AS "secretEnc",
    e.is_enabled AS "isEnabled", m.body`;

export type AttemptResult = "succeeded" | "retrying" | "failed" | "skipped";

function failureOf(outcome: PostOutcome): string | null {
  if (outcome.statusCode === null) return outcome.error ?? "No answer";
  if (outcome.statusCode >= 200 && outcome.statusCode < 300) return null;
  if (outcome.statusCode >= 300 && outcome.statusCode < 400)
    return `HTTP ${outcome.statusCode}: redirects are not followed`;
  return `HTTP ${outcome.statusCode}`;
}

async function markEndpoint(
  endpointId: string,
  tenantId: string,
  isSuccess: boolean,
  now: Date,
): Promise<void> {
  const db = getDb();
  if (isSuccess) {
    await db.webhookEndpoint.updateMany({
      where: { id: endpointId, tenantId, failingSince: { not: null } },
      data: { failingSince: null },
    });
    return;
  }
  await db.webhookEndpoint.updateMany({
    where: { id: endpointId, tenantId, failingSince: null },
    data: { failingSince: now },
  });
  const disabled = await db.webhookEndpoint.updateMany({
    where: {
      id: endpointId,
      tenantId,
      isEnabled: true,
      failingSince: { lte: new Date(now.getTime() - RETRY_WINDOW_MS) },
    },
    data: { isEnabled: false, disabledReason: "failing", disabledAt: now },
  });
  if (disabled.count > 0)
    log.warn("webhooks: an endpoint failing for 24 h was disabled", { tenantId, endpointId });
}

async function send(claimed: Claimed, now: Date, timeoutMs: number): Promise<PostOutcome> {
  if (!claimed.isEnabled)
    return {
      statusCode: null,
      latencyMs: 0,
      body: "",
      error: "The endpoint is disabled",
      isRefused: true,
      isTimeout: false,
    };
  let secret: string;
  try {
    secret = decryptSecret(claimed.secretEnc, requirePultSecret());
  } catch {
    // PULT_SECRET changed since the secret was stored: rotating the secret mends it.
    return {
      statusCode: null,
      latencyMs: 0,
      body: "",
      error: "The signing secret cannot be decrypted; rotate it",
      isRefused: true,
      isTimeout: false,
    };
  }
  const headers = signWebhook(secret, webhookIdOf(claimed.messageId), now, claimed.body);
  return postToCrm(claimed.url, claimed.body, headers, timeoutMs);
}

/** One attempt of a delivery, if it is due and nobody else holds it. */
export async function attemptDelivery(
  deliveryId: string,
  opts: { clock?: () => Date; timeoutMs?: number } = {},
): Promise<AttemptResult> {
  const clock = opts.clock ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const claimed = await queryOne<Claimed>(getPool(), CLAIM_SQL, [deliveryId, timeoutMs + 20_000]);
  if (!claimed) return "skipped";
  const startedAt = clock();
  const outcome = await send(claimed, startedAt, timeoutMs);
  const now = clock();
  const error = failureOf(outcome);
  const attempts = claimed.attempts + 1;
  // A refused address or a disabled endpoint will not change by waiting: no retry.
  const next =
    error && !outcome.isRefused ? nextAttemptAt(attempts, claimed.windowStart, now) : null;
  const status = error === null ? "SUCCEEDED" : next ? "PENDING" : "FAILED";
  const history = Array.isArray(claimed.attemptLog) ? claimed.attemptLog : [];
  const entry = {
    at: startedAt.toISOString(),
    statusCode: outcome.statusCode,
    latencyMs: outcome.latencyMs,
    error,
  };
  await getDb().webhookDelivery.update({
    where: { id: claimed.id },
    data: {
      status,
      attempts,
      lockedUntil: null,
      nextAttemptAt: next,
      lastAttemptAt: startedAt,
      lastStatusCode: outcome.statusCode,
      lastLatencyMs: outcome.latencyMs,
      lastError: error,
      responseBody: outcome.body.slice(0, STORED_RESPONSE_CHARS),
      attemptLog: [...history, entry].slice(-ATTEMPT_LOG_SIZE),
    },
  });
  if (claimed.isEnabled) await markEndpoint(claimed.endpointId, claimed.tenantId, !error, now);
  if (next) {
    await queueAttempt(claimed.tenantId, claimed.id, next, String(attempts));
    if (next.getTime() <= Date.now()) wakeJobWorkers();
  }
  return error === null ? "succeeded" : next ? "retrying" : "failed";
}

const deliverPayload = z.object({ deliveryId: z.uuid() });

export const deliverWebhookJob: JobHandler = async (job) => {
  const parsed = deliverPayload.safeParse(job.payload);
  if (!parsed.success) {
    log.error("webhooks: a delivery job with an unreadable payload", { jobId: job.id });
    return;
  }
  await attemptDelivery(parsed.data.deliveryId);
};
