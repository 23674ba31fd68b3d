"use client";

import { useId } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { taskStatusSchema, type TaskAssigneeFilter, type TaskStatus } from "@/lib/schemas/tasks";
import { inputClass } from "@/lib/ui/input-styles";

type TaskFiltersProps = {
  status: TaskStatus;
  onStatus: (status: TaskStatus) => void;
  assignee: TaskAssigneeFilter;
  onAssignee: (assignee: TaskAssigneeFilter) => void;
  /** Null for managers: they only ever see their own tasks. */
  assignees: Array<{ id: string; name: string }> | null;
};

export function TaskFilters({
  status,
  onStatus,
  assignee,
  onAssignee,
  assignees,
}: TaskFiltersProps) {
  const { t } = useI18n();
  const statusId = useId();
  const assigneeId = useId();
  return (
    <div className="mb-4 flex flex-wrap items-end gap-4" data-testid="task-filters">
      <div>
        <label htmlFor={statusId} className="mb-1 block text-sm font-medium text-slate-800">
          {t("tasks.filterStatus")}
        </label>
        <select
          id={statusId}
          className={inputClass(false)}
          value={status}
          onChange={(event) => onStatus(taskStatusSchema.parse(event.target.value))}
        >
          {taskStatusSchema.options.map((value) => (
            <option key={value} value={value}>
              {t(`tasks.status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {assignees ? (
        <div>
          <label htmlFor={assigneeId} className="mb-1 block text-sm font-medium text-slate-800">
            {t("tasks.filterAssignee")}
          </label>
          <select
            id={assigneeId}
            className={inputClass(false)}
            value={assignee}
            onChange={(event) => onAssignee(event.target.value)}
          >
            <option value="all">{t("tasks.assignee.all")}</option>
            <option value="mine">{t("tasks.assignee.mine")}</option>
            <option value="unassigned">{t("tasks.assignee.unassigned")}</option>
            {assignees.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
