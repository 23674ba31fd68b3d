import { closeTaskInput, listTasksInput } from "@/lib/schemas/tasks";
import { closeTask, countMyOpenTasks, listTaskAssignees, listTasks } from "@/server/tasks/tasks";
import { protectedProcedure, router } from "@/server/api/trpc";

export const tasksRouter = router({
  list: protectedProcedure
    .input(listTasksInput)
    .query(({ ctx, input }) => listTasks(ctx.actor, input)),
  assignees: protectedProcedure.query(({ ctx }) => listTaskAssignees(ctx.actor)),
  count: protectedProcedure.query(({ ctx }) => countMyOpenTasks(ctx.actor)),
  close: protectedProcedure
    .input(closeTaskInput)
    .mutation(({ ctx, input }) => closeTask(ctx.actor, { ...input, status: "DONE" })),
  cancel: protectedProcedure
    .input(closeTaskInput)
    .mutation(({ ctx, input }) => closeTask(ctx.actor, { ...input, status: "CANCELLED" })),
});
