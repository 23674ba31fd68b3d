"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { NoticeRegion } from "@/lib/ui/notice-region";
import { EmptyState } from "@/lib/ui/empty-state";
import { Icon } from "@/lib/ui/icon";
import { InviteDialog } from "@/app/(console)/settings/users/_components/invite-dialog";
import type { Notice } from "@/app/(console)/settings/users/_components/types";
import { UsersSkeleton } from "@/app/(console)/settings/users/_components/users-skeleton";
import { UsersTable } from "@/app/(console)/settings/users/_components/users-table";

export function UsersManager({ currentUserId }: { currentUserId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  const [isInviteOpen, setInviteOpen] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="users-heading" className="text-base font-semibold text-slate-900">
            {t("settings.users")}
            {users.data ? (
              <span className="ml-2 text-sm font-normal text-slate-500" data-testid="users-count">
                {t("users.count", { count: users.data.length })}
              </span>
            ) : null}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("users.description")}</p>
        </div>
        <button
          type="button"
          onClick={() => setInviteOpen(true)}
          className={buttonClass("primary")}
          data-testid="invite-open"
        >
          <Icon name="plus" className="size-4" />
          {t("users.invite")}
        </button>
      </div>

      {/* Always mounted so screen readers hear each new notice. */}
      <NoticeRegion notice={notice} testId="users-notice" />

      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        {users.isPending ? <UsersSkeleton label={t("common.loading")} /> : null}
        {users.isError ? (
          <div className="space-y-3 p-6" data-testid="users-error">
            <Alert>
              {t("users.loadFailed")} {describeError(t, users.error)}
            </Alert>
            <button
              type="button"
              onClick={() => void users.refetch()}
              className={buttonClass("secondary", "sm")}
            >
              {t("common.retry")}
            </button>
          </div>
        ) : null}
        {users.data?.length === 0 ? (
          <EmptyState icon="clients" title={t("users.emptyTitle")} testId="users-empty">
            <p>{t("users.emptyBody")}</p>
          </EmptyState>
        ) : null}
        {users.data && users.data.length > 0 ? (
          <UsersTable users={users.data} currentUserId={currentUserId} onNotice={setNotice} />
        ) : null}
      </div>

      <InviteDialog isOpen={isInviteOpen} onClose={() => setInviteOpen(false)} />
    </section>
  );
}
