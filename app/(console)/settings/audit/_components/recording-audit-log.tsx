"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { formatPhone } from "@/lib/ui/format-phone";
import { Skeleton } from "@/lib/ui/skeleton";
import { Spinner } from "@/lib/ui/spinner";
import { ScrollX } from "@/lib/ui/scroll-x";

export function RecordingAuditLog() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.recordings.auditLog.infiniteQueryOptions(
      {},
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
  const callDate = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div>
        <h2 id="audit-heading" className="text-base font-semibold text-slate-900">
          {t("audit.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("audit.description")}</p>
      </div>
      <ScrollX
        label={t("audit.title")}
        className="overflow-hidden rounded-xl border border-slate-200 bg-white"
      >
        {log.isPending ? (
          <div className="space-y-2 p-4" aria-label={t("common.loading")}>
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </div>
        ) : null}
        {log.isError && !log.isFetchNextPageError ? (
          <div className="space-y-3 p-6" data-testid="audit-error">
            <Alert>
              {t("audit.loadFailed")} {describeError(t, log.error)}
            </Alert>
            <button
              type="button"
              onClick={() => void log.refetch()}
              className={buttonClass("secondary", "sm")}
            >
              {t("common.retry")}
            </button>
          </div>
        ) : null}
        {log.data && items.length === 0 ? (
          <EmptyState icon="lock" title={t("audit.emptyTitle")} testId="audit-empty">
            <p>{t("audit.emptyBody")}</p>
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("audit.colWhen")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("audit.colWho")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("audit.colAction")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("audit.colCall")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => {
                const other = item.call
                  ? item.call.direction === "OUT"
                    ? item.call.toNumber
                    : item.call.fromNumber
                  : null;
                return (
                  <tr key={item.id} data-testid="audit-row" data-action={item.action}>
                    <td className="px-4 py-2 whitespace-nowrap text-slate-700 tabular-nums">
                      {when.format(item.createdAt)}
                    </td>
                    <td className="px-4 py-2">
                      {item.actor?.kind === "user" ? (
                        <>
                          <span className="font-medium text-slate-900">{item.actor.name}</span>
                          <span className="ml-2 text-slate-500">{item.actor.email}</span>
                        </>
                      ) : item.actor?.kind === "apiKey" ? (
                        t("audit.apiKey", { name: item.actor.name })
                      ) : (
                        <span className="text-slate-500">{t("audit.deletedUser")}</span>
                      )}
                    </td>
                    <td className="px-4 py-2 text-slate-700">
                      {item.action === "recording.download"
                        ? t("audit.action.recording.download")
                        : item.action === "transcript.view"
                          ? t("audit.action.transcript.view")
                          : t("audit.action.recording.play")}
                    </td>
                    <td className="px-4 py-2 text-slate-700">
                      {item.call ? (
                        <Link
                          href={`/calls/${item.call.id}`}
                          className="text-brand-700 hover:underline"
                        >
                          {callDate.format(item.call.startedAt)} ·{" "}
                          {item.call.client?.name ?? (other ? formatPhone(other) : "—")}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </ScrollX>
      {log.hasNextPage ? (
        <button
          type="button"
          onClick={() => void log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
          className={buttonClass("secondary")}
        >
          {log.isFetchingNextPage ? <Spinner className="size-4" /> : null}
          {t("audit.loadMore")}
        </button>
      ) : null}
    </section>
  );
}
