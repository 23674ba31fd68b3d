// Facts → messages and deliveries. Code that sees something happen queues its facts (the fold
// with its COMMIT, see fold-hook.ts; domain functions with queueWebhookFacts); the
// "webhooks.emit" job then builds each event once, signs nothing yet, and stores one message per
// event and one delivery per subscribed endpoint, each with its "webhooks.deliver" job.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { WEBHOOK_PAYLOAD_VERSION, WEBHOOK_TEST_EVENT } from "@/lib/schemas/webhooks";
import { getDb, getPool, type Prisma } from "@/server/db";
import { inTransaction, sendStatements, type SqlTx, type Statement } from "@/server/db/sql";
import { enqueueJobsStatement, wakeJobWorkers, type EnqueueOptions } from "@/server/jobs/queue";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import type { WebhookFact } from "@/server/webhooks/facts";
import { buildEvents, type BuiltEvent } from "@/server/webhooks/payloads";
import { WEBHOOK_DELIVER_QUEUE, WEBHOOK_EMIT_QUEUE } from "@/server/webhooks/queues";
import { webhookIdOf } from "@/server/webhooks/signing";

const EMIT_SQL = `INSERT INTO jobs (id, tenant_id, queue, payload, run_at, max_attempts, updated_at)
  SELECT gen_random_uuid(), $1::uuid, '${WEBHOOK_EMIT_QUEUE}', $2::jsonb, now(), 5, now()
  WHERE EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = $1::uuid AND e.is_enabled)`;

/**
 * Queues facts for a company's webhooks (nothing when it has no enabled endpoint). Pass the
 * transaction that makes them true, so they are queued exactly when it commits.
 */
export async function queueWebhookFacts(
  tenantId: string,
  facts: WebhookFact[],
  tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe"> = getDb(),
): Promise<void> {
  if (facts.length === 0) return;
  const queued = await tx.$executeRawUnsafe(EMIT_SQL, tenantId, JSON.stringify({ facts }));
  if (queued > 0 && tx === getDb()) wakeJobWorkers();
}

/** queueWebhookFacts as a statement, for code on plain SQL (sent with its other statements). */
export function webhookFactsStatement(tenantId: string, facts: WebhookFact[]): Statement {
  return { text: EMIT_SQL, values: [tenantId, JSON.stringify({ facts })] };
}

const emitPayload = z.object({ facts: z.array(z.custom<WebhookFact>()) });

// The same job run twice (a lost lease) makes the same ids: nothing is stored twice.
function derivedUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join(":")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type StoredMessage = { messageId: string; deliveryIds: string[] };

/** The JSON body of a message: what is signed and sent, byte for byte, on every attempt. */
export function messageBody(messageId: string, event: BuiltEvent): string {
  return JSON.stringify({
    id: webhookIdOf(messageId),
    type: event.type,
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: event.at,
    data: event.data,
  });
}

function storeStatements(
  tenantId: string,
  rows: Array<{ messageId: string; event: BuiltEvent; endpointIds: string[] }>,
): { statements: Statement[]; deliveryIds: string[] } {
  const messages = rows.map((r) => ({ ...r, body: messageBody(r.messageId, r.event) }));
  const deliveries = rows.flatMap((r) =>
    r.endpointIds.map((endpointId) => ({
      id: derivedUuid(r.messageId, endpointId),
      endpointId,
      messageId: r.messageId,
    })),
  );
  const jobs: EnqueueOptions[] = deliveries.map((d) => ({
    queue: WEBHOOK_DELIVER_QUEUE,
    tenantId,
    payload: { deliveryId: d.id },
    uniqueKey: `webhook-delivery:${d.id}:0`,
    maxAttempts: 3,
  }));
  return {
    deliveryIds: deliveries.map((d) => d.id),
    statements: [
      {
        text: `INSERT INTO webhook_messages (id, tenant_id, type, body)
          SELECT id, $1::uuid, type, body FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, type, body)
          ON CONFLICT (id) DO NOTHING`,
        values: [
          tenantId,
          messages.map((m) => m.messageId),
          messages.map((m) => m.event.type),
          messages.map((m) => m.body),
        ],
      },
      {
        text: `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, message_id, next_attempt_at, updated_at)
          SELECT id, $1::uuid, endpoint_id, message_id, now(), now()
          FROM unnest($2::uuid[], $3::uuid[], $4::uuid[]) AS x(id, endpoint_id, message_id)
          ON CONFLICT (endpoint_id, message_id) DO NOTHING`,
        values: [
          tenantId,
          deliveries.map((d) => d.id),
          deliveries.map((d) => d.endpointId),
          deliveries.map((d) => d.messageId),
        ],
      },
      ...(jobs.length > 0 ? [enqueueJobsStatement(jobs)] : []),
    ],
  };
}

/** Stores messages and their deliveries in one transaction, and wakes the workers. */
async function storeMessages(
  tenantId: string,
  rows: Array<{ messageId: string; event: BuiltEvent; endpointIds: string[] }>,
): Promise<string[]> {
  const withTargets = rows.filter((r) => r.endpointIds.length > 0);
  if (withTargets.length === 0) return [];
  const { statements, deliveryIds } = storeStatements(tenantId, withTargets);
  await inTransaction(async (sql) => {
    await sendStatements(sql, statements);
  });
  wakeJobWorkers();
  return deliveryIds;
}

type Target = { id: string; events: string[] };

async function enabledEndpoints(tenantId: string): Promise<Target[]> {
  return getDb().webhookEndpoint.findMany({
    where: { tenantId, isEnabled: true },
    select: { id: true, events: true },
  });
}

/** Builds and stores the events of these facts for every subscribed endpoint. */
export async function emitFacts(
  tenantId: string,
  facts: WebhookFact[],
  idSeed: string = randomUUID(),
): Promise<string[]> {
  const endpoints = await enabledEndpoints(tenantId);
  const wanted = facts.filter((f) => endpoints.some((e) => e.events.includes(f.type)));
  if (wanted.length === 0) return [];
  const events = await buildEvents(tenantId, wanted);
  return storeMessages(
    tenantId,
    events.map((event, index) => ({
      messageId: derivedUuid(idSeed, String(index)),
      event,
      endpointIds: endpoints.filter((e) => e.events.includes(event.type)).map((e) => e.id),
    })),
  );
}

export const emitWebhooksJob: JobHandler = async (job) => {
  if (!job.tenantId) throw new Error("webhook events need a company");
  const parsed = emitPayload.safeParse(job.payload);
  if (!parsed.success) {
    log.error("webhooks: an emit job with an unreadable payload", { jobId: job.id });
    return;
  }
  await emitFacts(job.tenantId, parsed.data.facts, job.id);
};

/** "Send test event": one message to one endpoint, whatever it subscribed to. */
export async function storeTestMessage(tenantId: string, endpointId: string): Promise<string> {
  const messageId = randomUUID();
  const [deliveryId] = await storeMessages(tenantId, [
    {
      messageId,
      endpointIds: [endpointId],
      event: {
        type: WEBHOOK_TEST_EVENT,
        at: new Date().toISOString(),
        data: { message: "A test event from Pult: the endpoint is reachable.", endpointId },
      },
    },
  ]);
  if (!deliveryId) throw new Error("the test delivery was not stored");
  return deliveryId;
}

/** Queues one more attempt of a delivery (a retry or a resend); `key` keeps it single. */
export async function queueAttempt(
  tenantId: string,
  deliveryId: string,
  runAt: Date,
  key: string,
  sql: SqlTx = getPool(),
): Promise<void> {
  const statement = enqueueJobsStatement([
    {
      queue: WEBHOOK_DELIVER_QUEUE,
      tenantId,
      payload: { deliveryId },
      uniqueKey: `webhook-delivery:${deliveryId}:${key}`,
      runAt,
      maxAttempts: 3,
    },
  ]);
  await sql.query(statement.text, [...(statement.values ?? [])]);
}

/** client.assigned for each change of personal manager, queued in the change's transaction. */
export function queueClientAssigned(
  tx: Pick<Prisma.TransactionClient, "$executeRawUnsafe">,
  tenantId: string,
  changes: Array<{
    clientId: string;
    fromManagerId: string | null;
    toManagerId: string | null;
    restoreAt?: Date | null;
  }>,
): Promise<void> {
  const at = new Date().toISOString();
  return queueWebhookFacts(
    tenantId,
    changes.map((c) => ({
      kind: "client",
      type: "client.assigned",
      at,
      clientId: c.clientId,
      managerId: c.toManagerId,
      previousManagerId: c.fromManagerId,
      until: c.restoreAt?.toISOString() ?? null,
    })),
    tx,
  );
}
