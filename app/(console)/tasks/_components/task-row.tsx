"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import { formatRelativeTime } from "@/lib/ui/relative-time";
import { useNow } from "@/lib/ui/use-now";
import { CallButton } from "@/app/(console)/_components/call-actions/call-button";
import type { TaskItem } from "@/app/(console)/tasks/_components/types";

type TaskRowProps = {
  task: TaskItem;
  showAssignee: boolean;
  onClose: (status: "DONE" | "CANCELLED") => void;
};

export function TaskRow({ task, showAssignee, onClose }: TaskRowProps) {
  const { t, locale } = useI18n();
  const now = useNow();
  const phone = task.phone ?? "";
  const isOpen = task.status === "OPEN";
  return (
    <tr
      data-testid="task-row"
      data-task-id={task.id}
      data-status={task.status}
      className="align-top"
    >
      <td className="py-3 pr-2 pl-4">
        {task.client ? (
          <>
            <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
              <span data-testid="task-client">{task.client.name}</span>
              {task.client.isVip ? <Badge tone="warning">{t("tasks.vip")}</Badge> : null}
            </p>
            <p className="text-xs text-slate-600 tabular-nums">
              {[task.client.company, formatPhone(phone)].filter(Boolean).join(" · ")}
            </p>
          </>
        ) : (
          <p className="font-medium text-slate-900 tabular-nums" data-testid="task-phone">
            {formatPhone(phone)}
          </p>
        )}
        {task.note ? <p className="mt-1 text-xs text-slate-500 italic">{task.note}</p> : null}
      </td>
      <td className="px-2 py-3 text-slate-700">
        <p data-testid="task-missed">{t("tasks.missedCount", { count: task.missedCount })}</p>
        {task.attemptCount > 0 ? (
          <p className="text-xs text-slate-500" data-testid="task-attempts">
            {t("tasks.attemptCount", { count: task.attemptCount })}
          </p>
        ) : null}
        {task.missedCount > 1 ? (
          <p className="text-xs text-slate-500">
            {t("tasks.lastMissed", { time: formatRelativeTime(locale, task.lastMissedAt, now) })}
          </p>
        ) : null}
      </td>
      <td className="px-2 py-3 whitespace-nowrap text-slate-700">
        <time dateTime={task.missedAt.toISOString()} title={task.missedAt.toLocaleString(locale)}>
          {formatRelativeTime(locale, task.missedAt, now)}
        </time>
      </td>
      {showAssignee ? (
        <td className="px-2 py-3 text-slate-700">
          {task.assignee?.name ?? <span className="text-slate-500">{t("tasks.unassigned")}</span>}
        </td>
      ) : null}
      <td className="py-3 pr-4 pl-2">
        {isOpen ? (
          <div className="flex flex-wrap items-start justify-end gap-2">
            <CallButton
              phone={phone}
              clientId={task.client?.id}
              taskId={task.id}
              label="callBack"
            />
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={() => onClose("DONE")}
              data-testid="task-done"
            >
              {t("tasks.done")}
            </button>
            <button
              type="button"
              className={buttonClass("ghost", "sm")}
              onClick={() => onClose("CANCELLED")}
              data-testid="task-cancel"
            >
              {t("tasks.cancel")}
            </button>
          </div>
        ) : (
          <p className="text-right text-sm text-slate-700" data-testid="task-result">
            {task.status === "CANCELLED"
              ? t("tasks.cancelled")
              : task.resolutionSec !== null
                ? t("tasks.resolvedIn", { duration: formatDuration(task.resolutionSec) })
                : t("tasks.closedByHand")}
          </p>
        )}
      </td>
    </tr>
  );
}
