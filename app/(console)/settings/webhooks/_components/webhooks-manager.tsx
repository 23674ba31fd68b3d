"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Icon } from "@/lib/ui/icon";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { Skeleton } from "@/lib/ui/skeleton";
import { CrmLookupCard } from "@/app/(console)/settings/webhooks/_components/crm-lookup-card";
import { EndpointCard } from "@/app/(console)/settings/webhooks/_components/endpoint-card";
import { EndpointDialog } from "@/app/(console)/settings/webhooks/_components/endpoint-dialog";
import type { EndpointItem } from "@/app/(console)/settings/webhooks/_components/types";

export function WebhooksManager() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  // Delivery counts and the failing state move on their own: refresh now and then.
  const endpoints = useQuery({ ...trpc.webhooks.list.queryOptions(), refetchInterval: 10_000 });
  const [editing, setEditing] = useState<EndpointItem | "new" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const autoDisabled = (endpoints.data ?? []).filter(
    (e) => !e.isEnabled && e.disabledReason === "failing",
  );

  return (
    <div className="space-y-8">
      <section aria-labelledby="webhooks-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="webhooks-heading" className="text-base font-semibold text-slate-900">
              {t("settings.webhooks")}
            </h2>
            <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("webhooks.description")}</p>
          </div>
          <button
            type="button"
            onClick={() => setEditing("new")}
            className={buttonClass("primary")}
            data-testid="webhooks-add"
          >
            <Icon name="plus" className="size-4" />
            {t("webhooks.add")}
          </button>
        </div>

        {autoDisabled.map((e) => (
          <Alert key={e.id} tone="warning" testId="webhooks-disabled-banner">
            {t("webhooks.disabledBanner", {
              url: e.url,
              at: e.disabledAt ? formatDateTime(locale, new Date(e.disabledAt)) : "",
            })}
          </Alert>
        ))}

        <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="webhooks-notice" />

        {endpoints.isPending ? (
          <div
            className="space-y-2 rounded-xl border border-slate-200 bg-white p-4"
            aria-busy="true"
          >
            <span className="sr-only">{t("common.loading")}</span>
            <Skeleton className="h-5 w-1/3" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        ) : null}
        {endpoints.isError ? (
          <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-6">
            <Alert>
              {t("webhooks.loadFailed")} {describeError(t, endpoints.error)}
            </Alert>
            <button
              type="button"
              onClick={() => void endpoints.refetch()}
              className={buttonClass("secondary", "sm")}
            >
              {t("common.retry")}
            </button>
          </div>
        ) : null}
        {endpoints.data?.length === 0 ? (
          <EmptyState icon="link" title={t("webhooks.emptyTitle")} testId="webhooks-empty">
            <p>{t("webhooks.emptyBody")}</p>
          </EmptyState>
        ) : null}
        <ul className="space-y-3">
          {(endpoints.data ?? []).map((endpoint) => (
            <li key={endpoint.id}>
              <EndpointCard
                endpoint={endpoint}
                onEdit={() => setEditing(endpoint)}
                onNotice={setNotice}
              />
            </li>
          ))}
        </ul>
      </section>

      <CrmLookupCard onNotice={setNotice} />

      <EndpointDialog
        endpoint={editing === "new" ? null : editing}
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(url) => setNotice({ tone: "success", text: t("webhooks.saved", { url }) })}
      />
    </div>
  );
}
