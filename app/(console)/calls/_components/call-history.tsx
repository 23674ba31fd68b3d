"use client";

import { keepPreviousData, skipToken, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import { Spinner } from "@/lib/ui/spinner";
import { HistoryFilterBar } from "@/app/(console)/calls/_components/history-filter-bar";
import { HistorySkeleton } from "@/app/(console)/calls/_components/history-skeleton";
import { HistoryTable } from "@/app/(console)/calls/_components/history-table";
import { hasActiveFilters, parseForm } from "@/app/(console)/calls/_components/history-url";
import { useHistoryForm } from "@/app/(console)/calls/_components/use-history-form";

export function CallHistory() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [form, setForm] = useHistoryForm();
  const parsed = parseForm(form);
  const options = useQuery(trpc.calls.historyFilterOptions.queryOptions());
  const history = useInfiniteQuery(
    trpc.calls.history.infiniteQueryOptions(parsed.ok ? parsed.filters : skipToken, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const pages = history.data?.pages ?? [];
  const calls = pages.flatMap((page) => page.calls);
  const first = pages[0];
  const isFirstLoad = parsed.ok && history.isPending;
  const isFirstPageError = history.isError && !history.isFetchNextPageError;

  return (
    <div className="space-y-4">
      <PageHeader title={t("calls.title")} description={t("calls.description")} />
      <HistoryFilterBar
        form={form}
        errors={parsed.ok ? {} : parsed.fieldErrors}
        options={options.data}
        onChange={setForm}
      />
      <section aria-labelledby="calls-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="calls-heading" className="text-base font-semibold text-slate-900">
            {t("calls.title")}
            {first && first.total !== null ? (
              <span className="ml-2 text-sm font-normal text-slate-500" data-testid="calls-count">
                {first.isTotalCapped
                  ? t("calls.countCapped", { count: first.total })
                  : t("calls.count", { count: first.total })}
              </span>
            ) : null}
          </h2>
          {first ? (
            <p className="text-xs text-slate-500">
              {t("calls.timeZoneNote", { zone: first.timeZone })}
            </p>
          ) : null}
        </div>
        <div
          className={cn(
            "overflow-hidden rounded-xl border border-slate-200 bg-white transition-opacity",
            history.isPlaceholderData && "opacity-60",
          )}
          aria-busy={history.isFetching || undefined}
        >
          {isFirstLoad ? <HistorySkeleton label={t("common.loading")} /> : null}
          {isFirstPageError ? (
            <div className="space-y-3 p-6" data-testid="calls-error">
              <Alert>
                {t("calls.loadFailed")} {describeError(t, history.error)}
              </Alert>
              <button
                type="button"
                onClick={() => void history.refetch()}
                className={buttonClass("secondary", "sm")}
              >
                {t("common.retry")}
              </button>
            </div>
          ) : null}
          {history.data && calls.length === 0 && !isFirstPageError ? (
            <EmptyState
              icon="calls"
              title={hasActiveFilters(form) ? t("calls.noMatchTitle") : t("calls.noCallsTitle")}
              testId="calls-empty"
            >
              <p>{hasActiveFilters(form) ? t("calls.noMatchBody") : t("calls.noCallsBody")}</p>
            </EmptyState>
          ) : null}
          {first && calls.length > 0 ? (
            <HistoryTable calls={calls} timeZone={first.timeZone} />
          ) : null}
        </div>
        {history.isFetchNextPageError ? (
          <Alert>
            {t("calls.loadMoreFailed")} {describeError(t, history.error)}
          </Alert>
        ) : null}
        {history.hasNextPage ? (
          <div className="flex justify-center">
            <button
              type="button"
              onClick={() => void history.fetchNextPage()}
              disabled={history.isFetchingNextPage}
              className={buttonClass("secondary")}
              data-testid="calls-more"
            >
              {history.isFetchingNextPage ? <Spinner className="size-4" /> : null}
              {history.isFetchingNextPage
                ? t("calls.loadingMore")
                : history.isFetchNextPageError
                  ? t("common.retry")
                  : t("calls.loadMore")}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
