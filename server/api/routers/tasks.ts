import { closeTaskInput, listTasksInput } from "../../../lib/schemas/tasks";
import { closeTask, countMyOpenTasks, listTaskAssignees, listTasks } from "../../tasks/tasks";
import { protectedProcedure, router } from "../trpc";

export const tasksRouter = router({
  list: protectedProcedure
    .input(listTasksInput)
    .query(({ ctx, input }) => listTasks(ctx.user, input)),
  assignees: protectedProcedure.query(({ ctx }) => listTaskAssignees(ctx.user)),
  count: protectedProcedure.query(({ ctx }) => countMyOpenTasks(ctx.user)),
  close: protectedProcedure
    .input(closeTaskInput)
    .mutation(({ ctx, input }) =>
      closeTask({ ...ctx.user, ip: ctx.ip }, { ...input, status: "DONE" }),
    ),
  cancel: protectedProcedure
    .input(closeTaskInput)
    .mutation(({ ctx, input }) =>
      closeTask({ ...ctx.user, ip: ctx.ip }, { ...input, status: "CANCELLED" }),
    ),
});
