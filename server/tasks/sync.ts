// Callback tasks kept in step with calls, inside the fold's transaction (server/calls/
// fold-batch.ts), for every call of a batch at once: a handful of statements per batch instead of
// several round trips per call. Plain SQL on the live path (see server/db/sql.ts); the rules are
// the pure functions of ./rules.ts.
import { randomUUID } from "node:crypto";
import { sendStatements, type SqlTx, type Statement } from "@/server/db/sql";
import { parseTenantSettings } from "@/server/tenants/settings";
import { canResolve, chooseAssignee, classifyCall, resolutionSeconds } from "@/server/tasks/rules";

export type TaskChange = {
  taskId: string;
  assigneeId: string | null;
  change: "created" | "missed_again" | "attempt" | "resolved";
};

/** The call as the fold has just written it. */
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

export type TaskSyncItem = {
  tenantId: string;
  call: TaskCallRow;
  /** Whether the employee picked up a click-to-call's first leg (an attempt needs it). */
  hasEmployeeAnswered: boolean;
};

type OpenTask = {
  id: string;
  tenantId: string;
  phone: string | null;
  clientId: string | null;
  assigneeId: string | null;
  createdAt: Date;
  missedAt: Date;
};

type Plan = {
  newTasks: Array<{
    id: string;
    tenantId: string;
    phone: string;
    clientId: string | null;
    callId: string;
    assigneeId: string | null;
  }>;
  links: Array<{
    tenantId: string;
    taskId: string;
    callId: string;
    role: "MISSED" | "ATTEMPT" | "RESOLVED";
  }>;
  setClient: Array<{ taskId: string; clientId: string }>;
  closes: Array<{ taskId: string; closedAt: Date; callId: string; resolutionSec: number }>;
  changes: Map<string, TaskChange>;
};

const lockKey = (tenantId: string, phone: string) => `task:${tenantId}:${phone}`;

type Due = TaskSyncItem & { meaning: { kind: "missed" | "resolved" | "attempt"; phone: string } };

/** The calls of these items that mean something for callback tasks. */
export function dueForTasks(items: TaskSyncItem[]): Due[] {
  return items.flatMap((item) => {
    const meaning = classifyCall({
      direction: item.call.direction,
      state: item.call.state,
      result: item.call.result,
      answeredAt: item.call.answered_at,
      isClickToCall: item.call.is_click_to_call,
      fromNumber: item.call.from_number,
      toNumber: item.call.to_number,
    });
    // A click-to-call the employee never picked up did not reach the client: not an attempt.
    if (!meaning || (meaning.kind === "attempt" && !item.hasEmployeeAnswered)) return [];
    return [{ ...item, meaning }];
  });
}

/**
 * The statements that take every number's lock (in one order, so batches cannot deadlock) and
 * then, as a new statement (its snapshot after the locks: what earlier holders committed is
 * visible), read the links, open tasks and assignees the plan needs. Call ids the caller does not
 * know yet (a call written in the same transaction) are null: such a call has no link.
 */
export function taskSyncReads(due: Due[]): Statement[] {
  if (due.length === 0) return [];
  const keys = [...new Set(due.map((d) => lockKey(d.tenantId, d.meaning.phone)))].sort();
  return [
    {
      text: `SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT unnest($1::text[]) AS k ORDER BY 1) x`,
      values: [keys],
    },
    {
      text: `SELECT
         ARRAY(SELECT tc.call_id::text FROM task_calls tc WHERE tc.call_id = ANY($1::uuid[])) AS linked,
         (SELECT coalesce(json_agg(o ORDER BY o."createdAt"), '[]') FROM (
            SELECT t.id, t.tenant_id AS "tenantId", t.phone, t.client_id AS "clientId",
              t.assignee_id AS "assigneeId", t.created_at AS "createdAt",
              coalesce(oc.ended_at, oc.started_at, t.created_at) AS "missedAt"
            FROM tasks t LEFT JOIN calls oc ON oc.id = t.call_id
            WHERE t.kind = 'CALLBACK' AND t.status = 'OPEN'
              AND ((t.tenant_id, t.phone) IN (SELECT * FROM unnest($2::uuid[], $3::text[]))
                OR (t.tenant_id, t.client_id) IN (SELECT * FROM unnest($2::uuid[], $4::uuid[])))
         ) o) AS open,
         (SELECT coalesce(json_agg(a), '[]') FROM (
            SELECT x.n, (SELECT u.id FROM clients cl JOIN users u ON u.id = cl.personal_manager_id
                WHERE cl.id = x.client_id AND cl.tenant_id = x.tenant_id AND u.status <> 'DISABLED')
                AS "personalManagerId",
              t.settings,
              ARRAY(SELECT u.id FROM users u WHERE u.tenant_id = x.tenant_id
                AND u.status <> 'DISABLED' AND u.id::text = t.settings ->> 'defaultOwnerId') AS "ownerIds"
            FROM unnest($2::uuid[], $4::uuid[]) WITH ORDINALITY AS x(tenant_id, client_id, n)
            JOIN tenants t ON t.id = x.tenant_id
         ) a) AS assignees`,
      values: [
        due.map((d) => d.call.id || null),
        due.map((d) => d.tenantId),
        due.map((d) => d.meaning.phone),
        due.map((d) => d.call.client_id),
      ],
    },
  ];
}

export type TaskSyncReads = {
  linked: string[];
  open: Array<Record<string, string | null>>;
  assignees: Array<{
    n: number;
    personalManagerId: string | null;
    settings: unknown;
    ownerIds: string[];
  }>;
};

/**
 * Decides, from what taskSyncReads read, what each call does to callback tasks (calls of one
 * number in the order they happened: the first missed call opens the task), and returns the
 * changes with the statements that write them. `due` must now carry every call's row id.
 */
export function planTaskSync(
  due: Due[],
  read: TaskSyncReads,
): { changes: Map<string, TaskChange>; statements: Statement[] } {
  const linked = new Set(read.linked);
  const open: OpenTask[] = read.open.map((o) => ({
    id: String(o.id),
    tenantId: String(o.tenantId),
    phone: o.phone ?? null,
    clientId: o.clientId ?? null,
    assigneeId: o.assigneeId ?? null,
    createdAt: new Date(String(o.createdAt)),
    missedAt: new Date(String(o.missedAt)),
  }));
  const assigneeOf = new Map(
    read.assignees.map((a) => {
      const { defaultOwnerId } = parseTenantSettings(a.settings as never);
      const owner = defaultOwnerId && a.ownerIds.includes(defaultOwnerId) ? defaultOwnerId : null;
      return [
        a.n,
        chooseAssignee({ personalManagerId: a.personalManagerId, defaultOwnerId: owner }),
      ];
    }),
  );
  const pending = due
    .map((d, i) => ({ ...d, n: i + 1 }))
    // A call with no id yet was not written after all (another instance wrote it first).
    .filter((d) => d.call.id !== "" && !linked.has(d.call.id))
    .sort((a, b) => a.call.started_at.getTime() - b.call.started_at.getTime());
  const plan: Plan = { newTasks: [], links: [], setClient: [], closes: [], changes: new Map() };
  for (const d of pending) {
    const { call, tenantId, meaning } = d;
    const task = open.find(
      (t) =>
        t.tenantId === tenantId &&
        (t.phone === meaning.phone || (call.client_id !== null && t.clientId === call.client_id)),
    );
    if (meaning.kind === "missed") {
      if (task) {
        plan.links.push({ tenantId, taskId: task.id, callId: call.id, role: "MISSED" });
        if (!task.clientId && call.client_id) {
          task.clientId = call.client_id;
          plan.setClient.push({ taskId: task.id, clientId: call.client_id });
        }
        plan.changes.set(call.id, {
          taskId: task.id,
          assigneeId: task.assigneeId,
          change: "missed_again",
        });
        continue;
      }
      const created: OpenTask = {
        id: randomUUID(),
        tenantId,
        phone: meaning.phone,
        clientId: call.client_id,
        assigneeId: assigneeOf.get(d.n) ?? null,
        createdAt: new Date(),
        missedAt: call.ended_at ?? call.started_at,
      };
      open.push(created);
      plan.newTasks.push({
        id: created.id,
        tenantId,
        phone: meaning.phone,
        clientId: call.client_id,
        callId: call.id,
        assigneeId: created.assigneeId,
      });
      plan.links.push({ tenantId, taskId: created.id, callId: call.id, role: "MISSED" });
      plan.changes.set(call.id, {
        taskId: created.id,
        assigneeId: created.assigneeId,
        change: "created",
      });
      continue;
    }
    if (!task) continue;
    if (meaning.kind === "attempt") {
      plan.links.push({ tenantId, taskId: task.id, callId: call.id, role: "ATTEMPT" });
      plan.changes.set(call.id, {
        taskId: task.id,
        assigneeId: task.assigneeId,
        change: "attempt",
      });
      continue;
    }
    const answeredAt = call.answered_at ?? call.started_at;
    if (!canResolve(task.missedAt, answeredAt)) continue;
    plan.links.push({ tenantId, taskId: task.id, callId: call.id, role: "RESOLVED" });
    plan.closes.push({
      taskId: task.id,
      closedAt: answeredAt,
      callId: call.id,
      resolutionSec: resolutionSeconds(task.missedAt, answeredAt),
    });
    open.splice(open.indexOf(task), 1);
    plan.changes.set(call.id, { taskId: task.id, assigneeId: task.assigneeId, change: "resolved" });
  }
  return { changes: plan.changes, statements: writeStatements(plan) };
}

/**
 * Keeps callback tasks in step with these calls. Each call is accounted for at most once
 * (task_calls is unique by call), so calls folded again change nothing. Calls with the same number
 * are serialised by an advisory lock per number, so two missed calls arriving together, in one
 * batch or two, still make one task. Returns the change per call id. The fold uses the same
 * three steps (dueForTasks, taskSyncReads, planTaskSync) with its own statements in between.
 */
export async function syncTasksForCalls(
  sql: SqlTx,
  items: TaskSyncItem[],
): Promise<Map<string, TaskChange>> {
  const due = dueForTasks(items);
  if (due.length === 0) return new Map();
  const [, read] = await sendStatements(sql, taskSyncReads(due));
  const { changes, statements } = planTaskSync(due, read?.rows[0] as TaskSyncReads);
  await sendStatements(sql, statements);
  return changes;
}

function writeStatements(plan: Plan): Statement[] {
  const statements: Statement[] = [];
  if (plan.newTasks.length > 0)
    statements.push({
      text: `INSERT INTO tasks (id, tenant_id, kind, phone, client_id, call_id, assignee_id, updated_at)
       SELECT id, tenant_id, 'CALLBACK', phone, client_id, call_id, assignee_id, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[])
         AS x(id, tenant_id, phone, client_id, call_id, assignee_id)`,
      values: [
        plan.newTasks.map((t) => t.id),
        plan.newTasks.map((t) => t.tenantId),
        plan.newTasks.map((t) => t.phone),
        plan.newTasks.map((t) => t.clientId),
        plan.newTasks.map((t) => t.callId),
        plan.newTasks.map((t) => t.assigneeId),
      ],
    });
  if (plan.links.length > 0)
    statements.push({
      text: `INSERT INTO task_calls (id, tenant_id, task_id, call_id, role)
       SELECT gen_random_uuid(), tenant_id, task_id, call_id, role::"TaskCallRole"
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS x(tenant_id, task_id, call_id, role)`,
      values: [
        plan.links.map((l) => l.tenantId),
        plan.links.map((l) => l.taskId),
        plan.links.map((l) => l.callId),
        plan.links.map((l) => l.role),
      ],
    });
  if (plan.setClient.length > 0)
    statements.push({
      text: `UPDATE tasks t SET client_id = x.client_id, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[]) AS x(id, client_id) WHERE t.id = x.id`,
      values: [plan.setClient.map((c) => c.taskId), plan.setClient.map((c) => c.clientId)],
    });
  if (plan.closes.length > 0)
    statements.push({
      text: `UPDATE tasks t SET status = 'DONE', closed_at = x.closed_at, closed_by_call_id = x.call_id,
         resolution_sec = x.resolution_sec, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::int[])
         AS x(id, closed_at, call_id, resolution_sec)
       WHERE t.id = x.id`,
      values: [
        plan.closes.map((c) => c.taskId),
        plan.closes.map((c) => c.closedAt),
        plan.closes.map((c) => c.callId),
        plan.closes.map((c) => c.resolutionSec),
      ],
    });
  return statements;
}
