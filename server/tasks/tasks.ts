import type { ListTasksInput, TaskAssigneeFilter } from "@/lib/schemas/tasks";
import { queueWebhookFacts } from "@/server/webhooks/emit";
import { listTasksInput, TASKS_PAGE_SIZE } from "@/lib/schemas/tasks";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { requireOwnCursor } from "@/server/db/page-cursor";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canManageTasks } from "@/server/policy/policy";
import { publishTask } from "@/server/tasks/publish";

const taskSelect = {
  id: true,
  kind: true,
  phone: true,
  note: true,
  status: true,
  createdAt: true,
  closedAt: true,
  resolutionSec: true,
  closedByCallId: true,
  client: { select: { id: true, name: true, company: true, isVip: true } },
  assignee: { select: { id: true, name: true } },
  call: { select: { id: true, startedAt: true, endedAt: true } },
  links: { select: { role: true, createdAt: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.TaskSelect;

type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskSelect }>;

export type TaskItem = Omit<TaskRow, "links" | "call"> & {
  callId: string | null;
  missedAt: Date;
  lastMissedAt: Date;
  missedCount: number;
  attemptCount: number;
};

function toItem(row: TaskRow): TaskItem {
  const { links, call, ...task } = row;
  const missed = links.filter((l) => l.role === "MISSED");
  const missedAt = call?.endedAt ?? call?.startedAt ?? task.createdAt;
  return {
    ...task,
    callId: call?.id ?? null,
    missedAt,
    lastMissedAt: missed.at(-1)?.createdAt ?? missedAt,
    missedCount: Math.max(1, missed.length),
    attemptCount: links.filter((l) => l.role === "ATTEMPT").length,
  };
}

function assigneeWhere(viewer: Actor, filter: TaskAssigneeFilter): Prisma.TaskWhereInput {
  // Managers see their own tasks whatever they ask for.
  if (!canManageTasks(viewer) || filter === "mine") return { assigneeId: viewer.userId };
  if (filter === "all") return {};
  if (filter === "unassigned") return { assigneeId: null };
  return { assigneeId: filter };
}

export async function listTasks(viewer: Actor, raw: ListTasksInput) {
  const input = listTasksInput.parse(raw);
  if (input.cursor)
    await requireOwnCursor(
      getDb().task.count({ where: { id: input.cursor, tenantId: viewer.tenantId } }),
    );
  const rows = await getDb().task.findMany({
    where: {
      tenantId: viewer.tenantId,
      status: input.status,
      ...assigneeWhere(viewer, input.assignee),
    },
    // Open tasks: oldest first (who waited longest); closed ones: most recent first.
    orderBy:
      input.status === "OPEN"
        ? [{ createdAt: "asc" }, { id: "asc" }]
        : [{ closedAt: "desc" }, { id: "desc" }],
    take: TASKS_PAGE_SIZE + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: taskSelect,
  });
  const page = rows.slice(0, TASKS_PAGE_SIZE);
  return {
    tasks: page.map(toItem),
    nextCursor: rows.length > TASKS_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  };
}

/** People a supervisor can filter by: everyone in the tenant who is not disabled. */
export async function listTaskAssignees(viewer: Actor) {
  if (!canManageTasks(viewer)) return [];
  return getDb().user.findMany({
    where: { tenantId: viewer.tenantId, status: { not: "DISABLED" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * Open tasks the viewer's task list shows by default (the navigation badge): a manager's own;
 * for supervisors and admins, who dispatch them, every open task of the company.
 */
export async function countMyOpenTasks(viewer: Actor): Promise<number> {
  return getDb().task.count({
    where: {
      tenantId: viewer.tenantId,
      status: "OPEN",
      ...(canManageTasks(viewer) ? {} : { assigneeId: viewer.userId }),
    },
  });
}

/** "Done" or "Cancel" by hand, with an optional note. Managers only close their own tasks. */
export async function closeTask(
  viewer: Actor,
  input: { taskId: string; note?: string; status: "DONE" | "CANCELLED" },
): Promise<TaskItem> {
  const row = await getDb().$transaction(async (tx) => {
    const task = await tx.task.findFirst({
      where: { id: input.taskId, tenantId: viewer.tenantId },
      select: { id: true, status: true, assigneeId: true, note: true },
    });
    if (!task) throw new AppError("NOT_FOUND", "Task not found");
    if (!canManageTasks(viewer) && task.assigneeId !== viewer.userId)
      throw new AppError("FORBIDDEN", "This task is assigned to someone else");
    if (task.status !== "OPEN") throw new AppError("CONFLICT", "This task is already closed");
    const updated = await tx.task.update({
      where: { id: task.id },
      data: {
        status: input.status,
        closedAt: new Date(),
        ...(input.note ? { note: input.note } : {}),
      },
      select: taskSelect,
    });
    await writeAudit(tx, {
      tenantId: viewer.tenantId,
      actorUserId: viewer.userId,
      action: input.status === "DONE" ? "task.done" : "task.cancel",
      targetType: "task",
      targetId: task.id,
      data: { note: input.note ?? null },
      ip: viewer.ip ?? null,
    });
    await queueWebhookFacts(
      viewer.tenantId,
      [{ kind: "task", type: "task.closed", at: new Date().toISOString(), taskId: task.id }],
      tx,
    );
    return updated;
  });
  publishTask(viewer.tenantId, {
    id: row.id,
    assigneeId: row.assignee?.id ?? null,
    status: row.status,
  });
  return toItem(row);
}
