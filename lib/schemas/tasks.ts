import { z } from "zod";

export const taskStatusSchema = z.enum(["OPEN", "DONE", "CANCELLED"]);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export const TASKS_PAGE_SIZE = 50;

// "mine" is the default for everyone; supervisors may also ask for all, unassigned or one person.
export const taskAssigneeFilterSchema = z.union([
  z.literal("mine"),
  z.literal("all"),
  z.literal("unassigned"),
  z.uuid(),
]);
export type TaskAssigneeFilter = z.infer<typeof taskAssigneeFilterSchema>;

export const listTasksInput = z.object({
  status: taskStatusSchema.default("OPEN"),
  assignee: taskAssigneeFilterSchema.default("mine"),
  cursor: z.uuid().optional(),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

export const closeTaskInput = z.object({
  taskId: z.uuid(),
  note: z
    .string()
    .trim()
    .max(1000, { error: "too_long" })
    .transform((v) => (v ? v : undefined))
    .optional(),
});
export type CloseTaskInput = z.input<typeof closeTaskInput>;
