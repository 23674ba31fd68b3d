"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { TaskRow } from "@/app/(console)/tasks/_components/task-row";
import {
  CloseTaskDialog,
  type CloseIntent,
} from "@/app/(console)/tasks/_components/close-task-dialog";
import type { TaskItem } from "@/app/(console)/tasks/_components/types";
import { ScrollX } from "@/lib/ui/scroll-x";

type TasksTableProps = {
  tasks: TaskItem[];
  showAssignee: boolean;
  onClosed: (text: string) => void;
};

export function TasksTable({ tasks, showAssignee, onClosed }: TasksTableProps) {
  const { t } = useI18n();
  const [closing, setClosing] = useState<CloseIntent | null>(null);
  return (
    <ScrollX
      label={t("tasks.title")}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <table className="w-full text-left text-sm" data-testid="tasks-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-2 pl-4">
              {t("tasks.colContact")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("tasks.colMissed")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("tasks.colAge")}
            </th>
            {showAssignee ? (
              <th scope="col" className="px-2 py-2">
                {t("tasks.colAssignee")}
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-4 pl-2 text-right">
              {t("tasks.colActions")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              showAssignee={showAssignee}
              onClose={(status) => setClosing({ task, status })}
            />
          ))}
        </tbody>
      </table>
      <CloseTaskDialog
        intent={closing}
        onCancel={() => setClosing(null)}
        onClosed={(text) => {
          setClosing(null);
          onClosed(text);
        }}
      />
    </ScrollX>
  );
}
