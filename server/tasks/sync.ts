// Callback tasks kept in step with calls, inside the fold's transaction (server/calls/
// fold-batch.ts): plain SQL on the live path (see server/db/sql.ts).
import { queryOne, type SqlTx } from "../db/sql";
import { parseTenantSettings } from "../tenants/settings";
import { canResolve, chooseAssignee, classifyCall, resolutionSeconds } from "./rules";

export type TaskChange = {
  taskId: string;
  assigneeId: string | null;
  change: "created" | "missed_again" | "attempt" | "resolved";
};

/** The call as the ingest has just written it. */
export type TaskCallRow = {
  id: string;
  direction: "IN" | "OUT" | "INTERNAL";
  state: "PARKED" | "RINGING" | "TALKING" | "ON_HOLD" | "ENDED";
  result: "ANSWERED" | "MISSED" | "BUSY" | "FAILED" | null;
  started_at: Date;
  ended_at: Date | null;
  answered_at: Date | null;
  is_click_to_call: boolean;
  from_number: string;
  to_number: string;
  client_id: string | null;
};

type OpenTask = {
  id: string;
  assignee_id: string | null;
  client_id: string | null;
  created_at: Date;
  call_started_at: Date | null;
  call_ended_at: Date | null;
};

/**
 * Keeps callback tasks in step with one call, inside the fold's transaction. Each call
 * is accounted for at most once (task_calls is unique by call), so redelivered or re-applied
 * events change nothing. Calls with the same number are serialised by an advisory lock, so two
 * missed calls arriving together still make one task.
 */
export async function syncTasksForCall(
  sql: SqlTx,
  tenantId: string,
  call: TaskCallRow,
  /** Whether the employee picked up a click-to-call's first leg, when the caller knows. */
  known: { hasEmployeeAnswered?: boolean } = {},
): Promise<TaskChange | null> {
  const meaning = classifyCall({
    direction: call.direction,
    state: call.state,
    result: call.result,
    answeredAt: call.answered_at,
    isClickToCall: call.is_click_to_call,
    fromNumber: call.from_number,
    toNumber: call.to_number,
  });
  if (!meaning) return null;
  if (
    meaning.kind === "attempt" &&
    !(known.hasEmployeeAnswered ?? (await employeeAnswered(sql, call.id)))
  )
    return null;

  // The lock, and whether an earlier event of this call already accounted for it (those
  // committed before this event got the call's row lock, so this statement sees them).
  const locked = await queryOne<{ linked: boolean }>(
    sql,
    `SELECT pg_advisory_xact_lock(hashtext($1)) IS NULL AS locked,
       EXISTS (SELECT 1 FROM task_calls tc WHERE tc.call_id = $2::uuid) AS linked`,
    [`task:${tenantId}:${meaning.phone}`, call.id],
  );
  if (locked?.linked) return null;
  const open = await queryOne<OpenTask>(
    sql,
    `SELECT t.id, t.assignee_id, t.client_id, t.created_at,
       oc.started_at AS call_started_at, oc.ended_at AS call_ended_at
     FROM tasks t LEFT JOIN calls oc ON oc.id = t.call_id
     WHERE t.tenant_id = $1::uuid AND t.kind = 'CALLBACK' AND t.status = 'OPEN'
       AND (t.phone = $2 OR ($3::uuid IS NOT NULL AND t.client_id = $3::uuid))
     ORDER BY t.created_at ASC LIMIT 1`,
    [tenantId, meaning.phone, call.client_id],
  );

  if (meaning.kind === "missed") {
    if (open) {
      await link(sql, tenantId, open.id, call.id, "MISSED");
      if (!open.client_id && call.client_id)
        await sql.query(
          `UPDATE tasks SET client_id = $2::uuid, updated_at = now() WHERE id = $1::uuid`,
          [open.id, call.client_id],
        );
      return { taskId: open.id, assigneeId: open.assignee_id, change: "missed_again" };
    }
    const assigneeId = await assigneeFor(sql, tenantId, call.client_id);
    const task = await queryOne<{ id: string }>(
      sql,
      `INSERT INTO tasks (id, tenant_id, kind, phone, client_id, call_id, assignee_id, updated_at)
       VALUES (gen_random_uuid(), $1::uuid, 'CALLBACK', $2, $3::uuid, $4::uuid, $5::uuid, now())
       RETURNING id`,
      [tenantId, meaning.phone, call.client_id, call.id, assigneeId],
    );
    if (!task) throw new Error("task insert returned nothing");
    await link(sql, tenantId, task.id, call.id, "MISSED");
    return { taskId: task.id, assigneeId, change: "created" };
  }

  if (!open) return null;
  if (meaning.kind === "attempt") {
    await link(sql, tenantId, open.id, call.id, "ATTEMPT");
    return { taskId: open.id, assigneeId: open.assignee_id, change: "attempt" };
  }

  const missedAt = open.call_ended_at ?? open.call_started_at ?? open.created_at;
  const answeredAt = call.answered_at ?? call.started_at;
  if (!canResolve(missedAt, answeredAt)) return null;
  await link(sql, tenantId, open.id, call.id, "RESOLVED");
  await sql.query(
    `UPDATE tasks SET status = 'DONE', closed_at = $2, closed_by_call_id = $3::uuid,
       resolution_sec = $4, updated_at = now()
     WHERE id = $1::uuid`,
    [open.id, answeredAt, call.id, resolutionSeconds(missedAt, answeredAt)],
  );
  return { taskId: open.id, assigneeId: open.assignee_id, change: "resolved" };
}

// A click-to-call the employee never picked up did not reach the client: not an attempt.
async function employeeAnswered(sql: SqlTx, callId: string): Promise<boolean> {
  const row = await queryOne<{ answered: boolean }>(
    sql,
    `SELECT EXISTS (SELECT 1 FROM call_events WHERE call_id = $1::uuid AND type = 'callAnswered') AS answered`,
    [callId],
  );
  return row?.answered ?? false;
}

async function link(
  sql: SqlTx,
  tenantId: string,
  taskId: string,
  callId: string,
  role: "MISSED" | "ATTEMPT" | "RESOLVED",
): Promise<void> {
  await sql.query(
    `INSERT INTO task_calls (id, tenant_id, task_id, call_id, role)
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::"TaskCallRole")`,
    [tenantId, taskId, callId, role],
  );
}

async function assigneeFor(sql: SqlTx, tenantId: string, clientId: string | null) {
  const row = await queryOne<{ personal_manager_id: string | null; settings: unknown }>(
    sql,
    `SELECT (SELECT u.id FROM clients cl JOIN users u ON u.id = cl.personal_manager_id
              WHERE cl.id = $2::uuid AND cl.tenant_id = $1::uuid AND u.status <> 'DISABLED') AS personal_manager_id,
            t.settings
     FROM tenants t WHERE t.id = $1::uuid`,
    [tenantId, clientId],
  );
  const personalManagerId = row?.personal_manager_id ?? null;
  if (personalManagerId) return personalManagerId;
  const { defaultOwnerId } = parseTenantSettings(row?.settings as never);
  const owner = defaultOwnerId
    ? await queryOne<{ id: string }>(
        sql,
        `SELECT id FROM users WHERE id = $1::uuid AND tenant_id = $2::uuid AND status <> 'DISABLED'`,
        [defaultOwnerId, tenantId],
      )
    : null;
  return chooseAssignee({ personalManagerId, defaultOwnerId: owner?.id ?? null });
}
