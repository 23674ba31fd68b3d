import type { TaskUpdated } from "@/lib/realtime/events";
import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import { getRealtime, staffRoom, userRoom } from "@/server/realtime/io";
import type { TaskChange } from "@/server/tasks/sync";

// Only these can change a call's meaning for tasks (answered, ended, or its number known late).
const TASK_RELEVANT = new Set(["callStarted", "callAnswered", "callEnded"]);

/** After commit: tells the assignee (and supervisors) that a task this call touched changed. */
export async function publishTasksForCall(
  tenantId: string,
  callId: string,
  notificationType: string,
): Promise<void> {
  if (!getRealtime() || !TASK_RELEVANT.has(notificationType)) return;
  try {
    const linked = await getDb().taskCall.findFirst({
      where: { tenantId, callId },
      select: { task: { select: { id: true, assigneeId: true, status: true } } },
    });
    if (linked) publishTask(tenantId, linked.task);
  } catch (error) {
    // Realtime is a hint; the tasks page refetches. Never fail the ingest for it.
    log.warn("could not publish a task update", { tenantId, error });
  }
}

/** After commit: the task change the ingest made, without another query. */
export function publishTaskChange(tenantId: string, change: TaskChange): void {
  publishTask(tenantId, {
    id: change.taskId,
    assigneeId: change.assigneeId,
    status: change.change === "resolved" ? "DONE" : "OPEN",
  });
}

export function publishTask(tenantId: string, task: TaskUpdated): void {
  const realtime = getRealtime();
  if (!realtime) return;
  const rooms = [staffRoom(tenantId), ...(task.assigneeId ? [userRoom(task.assigneeId)] : [])];
  realtime.io.to(rooms).emit("task:updated", {
    id: task.id,
    assigneeId: task.assigneeId,
    status: task.status,
  });
}
