"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { TaskAssigneeFilter, TaskStatus } from "@/lib/schemas/tasks";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { PageHeader } from "@/lib/ui/page-header";
import { Skeleton } from "@/lib/ui/skeleton";
import { Spinner } from "@/lib/ui/spinner";
import { TaskFilters } from "@/app/(console)/tasks/_components/task-filters";
import { TasksTable } from "@/app/(console)/tasks/_components/tasks-table";
import { useTasks } from "@/app/(console)/tasks/_components/use-tasks";

export function TasksBoard({ isStaff }: { isStaff: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [status, setStatus] = useState<TaskStatus>("OPEN");
  const [assignee, setAssignee] = useState<TaskAssigneeFilter>(isStaff ? "all" : "mine");
  const [notice, setNotice] = useState<Notice | null>(null);
  const { query, refresh } = useTasks({ status, assignee });
  const assignees = useQuery({ ...trpc.tasks.assignees.queryOptions(), enabled: isStaff });
  const tasks = query.data?.pages.flatMap((page) => page.tasks) ?? [];

  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader title={t("tasks.title")} description={t("tasks.description")} />
      <TaskFilters
        status={status}
        onStatus={setStatus}
        assignee={assignee}
        onAssignee={setAssignee}
        assignees={isStaff ? (assignees.data ?? []) : null}
      />
      <div className="mb-4">
        <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="tasks-notice" />
      </div>
      {query.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label={t("common.loading")}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-16 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <Alert tone="error" testId="tasks-error">
          <span className="mr-3">{t("tasks.loadFailed")}</span>
          <button type="button" className={buttonClass("secondary", "sm")} onClick={refresh}>
            {t("tasks.retry")}
          </button>
        </Alert>
      ) : tasks.length === 0 ? (
        <EmptyState
          icon="check"
          title={t(status === "OPEN" ? "tasks.emptyOpenTitle" : "tasks.emptyClosedTitle")}
          testId="tasks-empty"
        >
          <p>{t(status === "OPEN" ? "tasks.emptyOpenBody" : "tasks.emptyClosedBody")}</p>
        </EmptyState>
      ) : (
        <>
          <TasksTable
            tasks={tasks}
            showAssignee={isStaff}
            onClosed={(text) => {
              setNotice({ tone: "success", text });
              refresh();
            }}
          />
          {query.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <button
                type="button"
                className={buttonClass("secondary")}
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? <Spinner /> : null}
                {t("tasks.showMore")}
              </button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
