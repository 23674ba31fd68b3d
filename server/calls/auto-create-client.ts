import { formatPhone } from "@/lib/ui/format-phone";
import { queryOne, type SqlTx } from "@/server/db/sql";

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * An incoming call from an unknown number gets a client card named after the number; the caller
 * checks the tenant's autoCreateClients setting first. Runs inside the notification's
 * transaction; the advisory lock makes two calls from the same new number (or two events of one
 * call) create one client.
 */
export async function autoCreateClientForCaller(
  sql: SqlTx,
  tenantId: string,
  phone: string,
): Promise<string | null> {
  if (!E164.test(phone)) return null;
  await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `client-phone:${tenantId}:${phone}`,
  ]);
  const existing = await queryOne<{ client_id: string }>(
    sql,
    `SELECT client_id FROM client_phones WHERE tenant_id = $1::uuid AND e164 = $2`,
    [tenantId, phone],
  );
  if (existing) return existing.client_id;
  const client = await queryOne<{ id: string }>(
    sql,
    `WITH c AS (
       INSERT INTO clients (id, tenant_id, name, updated_at)
       VALUES (gen_random_uuid(), $1::uuid, $2, now())
       RETURNING id
     ), p AS (
       INSERT INTO client_phones (id, tenant_id, client_id, e164)
       SELECT gen_random_uuid(), $1::uuid, id, $3 FROM c
     ), a AS (
       INSERT INTO audit_logs (id, tenant_id, action, target_type, target_id, data)
       SELECT gen_random_uuid(), $1::uuid, 'client.auto_create', 'client', id::text,
         jsonb_build_object('phone', $3::text) FROM c
     )
     SELECT id FROM c`,
    [tenantId, formatPhone(phone), phone],
  );
  return client?.id ?? null;
}
