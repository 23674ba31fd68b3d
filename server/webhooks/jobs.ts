// The webhook jobs run on a worker of their own (server/main.ts): a slow or dead receiver holds
// one of its slots for up to the request's time limit, never the recording downloads' or the
// directory sync's.
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { deliverWebhookJob } from "@/server/webhooks/deliver";
import { emitWebhooksJob } from "@/server/webhooks/emit";
import {
  WEBHOOK_DELIVER_QUEUE,
  WEBHOOK_EMIT_QUEUE,
  WEBHOOK_PRUNE_QUEUE,
  WEBHOOK_SWEEP_QUEUE,
} from "@/server/webhooks/queues";
import { getDb, getPool } from "@/server/db";
import { enqueueJobsStatement, wakeJobWorkers } from "@/server/jobs/queue";

export const WEBHOOK_WORKER_CONCURRENCY = 4;
// A ringing call's event should reach the CRM within a fraction of a second: the fold queues it
// without waking workers, so this worker looks often (one indexed query).
export const WEBHOOK_WORKER_POLL_MS = 250;
export const WEBHOOK_PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
export const KEEP_MESSAGES_DAYS = 30;
export const WEBHOOK_SWEEP_EVERY_MS = 60_000;

/**
 * Deliveries whose attempt job is gone (a worker died after its request, a failed write of the
 * result): due a while ago, or SENDING past their lock. Each gets one more attempt job.
 */
export async function requeueStuckDeliveries(): Promise<number> {
  const stuck = await getPool().query<{ id: string; tenant_id: string; attempts: number }>(
    `SELECT id, tenant_id, attempts FROM webhook_deliveries
     WHERE (status = 'PENDING' AND next_attempt_at < now() - interval '2 minutes')
        OR (status = 'SENDING' AND locked_until < now())
     LIMIT 500`,
  );
  if (stuck.rows.length === 0) return 0;
  const statement = enqueueJobsStatement(
    stuck.rows.map((d) => ({
      queue: WEBHOOK_DELIVER_QUEUE,
      tenantId: d.tenant_id,
      payload: { deliveryId: d.id },
      uniqueKey: `webhook-delivery:${d.id}:sweep-${d.attempts}`,
      maxAttempts: 3,
    })),
  );
  await getPool().query(statement.text, [...(statement.values ?? [])]);
  wakeJobWorkers();
  return stuck.rows.length;
}

const sweepJob: JobHandler = async () => {
  const requeued = await requeueStuckDeliveries();
  if (requeued > 0) log.warn("webhooks: deliveries without a job queued again", { requeued });
};

/** Messages (and their deliveries) older than a month are history nobody needs. */
export async function pruneWebhookMessages(now = new Date()): Promise<number> {
  const { count } = await getDb().webhookMessage.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - KEEP_MESSAGES_DAYS * 86_400_000) } },
  });
  return count;
}

const pruneJob: JobHandler = async () => {
  const deleted = await pruneWebhookMessages();
  if (deleted > 0) log.info("old webhook messages pruned", { deleted });
};

export const webhookJobHandlers: Record<string, JobHandler> = {
  [WEBHOOK_EMIT_QUEUE]: emitWebhooksJob,
  [WEBHOOK_DELIVER_QUEUE]: deliverWebhookJob,
  [WEBHOOK_PRUNE_QUEUE]: pruneJob,
  [WEBHOOK_SWEEP_QUEUE]: sweepJob,
};
