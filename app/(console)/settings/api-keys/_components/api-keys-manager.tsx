"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Icon } from "@/lib/ui/icon";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { Skeleton } from "@/lib/ui/skeleton";
import { ApiKeysTable } from "@/app/(console)/settings/api-keys/_components/api-keys-table";
import { ApiUsage } from "@/app/(console)/settings/api-keys/_components/api-usage";
import { CreateKeyDialog } from "@/app/(console)/settings/api-keys/_components/create-key-dialog";

export function ApiKeysManager({ publicUrl }: { publicUrl: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  return (
    <section aria-labelledby="api-keys-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="api-keys-heading" className="text-base font-semibold text-slate-900">
            {t("settings.apiKeys")}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("apiKeys.description")}</p>
        </div>
        <button
          type="button"
          onClick={() => setCreateOpen(true)}
          className={buttonClass("primary")}
          data-testid="api-keys-create"
        >
          <Icon name="plus" className="size-4" />
          {t("apiKeys.create")}
        </button>
      </div>

      <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="api-keys-notice" />

      {keys.isPending ? (
        <div className="space-y-2 rounded-xl border border-slate-200 bg-white p-4" aria-busy="true">
          <span className="sr-only">{t("common.loading")}</span>
          <Skeleton className="h-5 w-1/3" />
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-5 w-1/2" />
        </div>
      ) : null}
      {keys.isError ? (
        <div
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-6"
          data-testid="api-keys-error"
        >
          <Alert>
            {t("apiKeys.loadFailed")} {describeError(t, keys.error)}
          </Alert>
          <button
            type="button"
            onClick={() => void keys.refetch()}
            className={buttonClass("secondary", "sm")}
          >
            {t("common.retry")}
          </button>
        </div>
      ) : null}
      {keys.data?.length === 0 ? (
        <EmptyState icon="lock" title={t("apiKeys.emptyTitle")} testId="api-keys-empty">
          <ApiUsage publicUrl={publicUrl} intro={t("apiKeys.emptyBody")} />
        </EmptyState>
      ) : null}
      {keys.data && keys.data.length > 0 ? (
        <>
          <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
            <ApiKeysTable keys={keys.data} onNotice={setNotice} />
          </div>
          <div className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600">
            <h3 className="mb-2 font-semibold text-slate-900">{t("apiKeys.usageTitle")}</h3>
            <ApiUsage publicUrl={publicUrl} intro={t("apiKeys.usageBody")} />
          </div>
        </>
      ) : null}

      <CreateKeyDialog isOpen={isCreateOpen} onClose={() => setCreateOpen(false)} />
    </section>
  );
}
