"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { NoticeRegion } from "@/lib/ui/notice-region";
import { ArchivedToggle } from "@/app/(console)/settings/workplaces/_components/archived-toggle";
import { NumbersSection } from "@/app/(console)/settings/workplaces/_components/numbers-section";
import type { Notice } from "@/app/(console)/settings/workplaces/_components/types";
import { WorkplacesEmpty } from "@/app/(console)/settings/workplaces/_components/workplaces-empty";
import { WorkplacesSkeleton } from "@/app/(console)/settings/workplaces/_components/workplaces-skeleton";
import { useSyncAwareIntegration } from "@/app/(console)/settings/workplaces/_components/use-sync-aware-integration";
import { WorkplacesTable } from "@/app/(console)/settings/workplaces/_components/workplaces-table";

export function WorkplacesManager() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const workplaces = useQuery(trpc.directory.workplaces.queryOptions());
  const numbers = useQuery(trpc.directory.numbers.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const integration = useSyncAwareIntegration();
  const [isArchivedShown, setArchivedShown] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const all = workplaces.data ?? [];
  const archivedCount =
    all.filter((w) => w.archivedAt).length +
    (numbers.data ?? []).filter((n) => n.archivedAt).length;
  const visible = isArchivedShown ? all : all.filter((w) => !w.archivedAt);
  const isDisconnected = integration.data?.status === "NOT_CONNECTED";
  const error = workplaces.error ?? users.error;

  return (
    <div className="space-y-8">
      <section aria-labelledby="workplaces-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="max-w-3xl">
            <h2 id="workplaces-heading" className="text-base font-semibold text-slate-900">
              {t("settings.workplaces")}
              {workplaces.data ? (
                <span
                  className="ml-2 text-sm font-normal text-slate-500"
                  data-testid="workplaces-count"
                >
                  {t("workplaces.count", { count: all.filter((w) => !w.archivedAt).length })}
                </span>
              ) : null}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("workplaces.description")}</p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {archivedCount > 0 ? (
              <ArchivedToggle
                isOn={isArchivedShown}
                count={archivedCount}
                onChange={setArchivedShown}
              />
            ) : null}
            <Link href="/settings/telephony" className={buttonClass("secondary", "sm")}>
              {t("workplaces.syncSettings")}
            </Link>
          </div>
        </div>

        {isDisconnected && all.length > 0 ? (
          <Alert tone="info" testId="workplaces-disconnected">
            {t("workplaces.disconnectedNote")}
          </Alert>
        ) : null}

        <NoticeRegion
          notice={notice}
          onDismiss={() => setNotice(null)}
          testId="workplaces-notice"
        />

        {workplaces.isPending || users.isPending ? (
          <WorkplacesSkeleton label={t("common.loading")} />
        ) : null}
        {error ? (
          <div
            className="space-y-3 rounded-xl border border-slate-200 bg-white p-6"
            data-testid="workplaces-error"
          >
            <Alert>
              {t("workplaces.loadFailed")} {describeError(t, error)}
            </Alert>
            <button
              type="button"
              onClick={() => {
                void workplaces.refetch();
                void users.refetch();
              }}
              className={buttonClass("secondary", "sm")}
            >
              {t("common.retry")}
            </button>
          </div>
        ) : null}
        {workplaces.data && users.data && all.length === 0 ? (
          <WorkplacesEmpty integration={integration.data} />
        ) : null}
        {workplaces.data && users.data && all.length > 0 ? (
          <WorkplacesTable workplaces={visible} users={users.data} onNotice={setNotice} />
        ) : null}
      </section>

      {all.length > 0 ? (
        <NumbersSection workplaces={all} isArchivedShown={isArchivedShown} />
      ) : null}
    </div>
  );
}
