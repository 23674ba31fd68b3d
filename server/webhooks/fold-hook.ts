// The fold's one hook into webhooks (server/calls/fold-batch.ts): the events of a batch's writes
// become one "webhooks.emit" job per company, inserted by one statement sent with the batch's
// COMMIT — no extra round trip, and the jobs exist exactly when the call state does. Companies
// known to have no enabled endpoint (presence.ts) are skipped before any work; the EXISTS below
// settles the rest.
import type { FoldResult } from "@/server/calls/fold-batch";
import type { Statement } from "@/server/db/sql";
import { callFactsOf, taskFactOf, type WebhookFact } from "@/server/webhooks/facts";
import { mayHaveWebhooks } from "@/server/webhooks/presence";
import { WEBHOOK_EMIT_QUEUE } from "@/server/webhooks/queues";

const EMIT_SQL = `INSERT INTO jobs (id, tenant_id, queue, payload, run_at, max_attempts, updated_at)
  SELECT gen_random_uuid(), x.tenant_id, '${WEBHOOK_EMIT_QUEUE}', x.payload::jsonb, now(), 5, now()
  FROM unnest($1::uuid[], $2::text[]) AS x(tenant_id, payload)
  WHERE EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.tenant_id = x.tenant_id AND e.is_enabled)`;

/** Facts per company of what a batch wrote. */
export function factsOfBatch(results: FoldResult[], now = new Date()): Map<string, WebhookFact[]> {
  const byTenant = new Map<string, WebhookFact[]>();
  for (const { lane, written } of results) {
    if (!written || !mayHaveWebhooks(lane.tenantId)) continue;
    const facts: WebhookFact[] = callFactsOf(
      written.previous,
      written.row,
      lane.externalId,
      written.isRingingNow,
      now,
    );
    const task = written.task ? taskFactOf(written.task, now) : null;
    if (task) facts.push(task);
    if (facts.length === 0) continue;
    const list = byTenant.get(lane.tenantId);
    if (list) list.push(...facts);
    else byTenant.set(lane.tenantId, facts);
  }
  return byTenant;
}

/** The statement that queues the batch's webhook events, or null when it has none. */
export function webhookJobsStatement(results: FoldResult[]): Statement | null {
  const byTenant = factsOfBatch(results);
  if (byTenant.size === 0) return null;
  const tenants = [...byTenant.keys()];
  return {
    text: EMIT_SQL,
    values: [tenants, tenants.map((t) => JSON.stringify({ facts: byTenant.get(t) }))],
  };
}
