"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import { EmptyState } from "@/lib/ui/empty-state";
import { Icon } from "@/lib/ui/icon";
import { PageHeader } from "@/lib/ui/page-header";
import { useNow } from "@/lib/ui/use-now";
import { CallsTable } from "@/app/(console)/live/_components/calls-table";
import { isLongGone } from "@/app/(console)/live/_components/live-cache";
import { LiveFilterBar } from "@/app/(console)/live/_components/live-filter-bar";
import { hasFilters, matchesFilters } from "@/app/(console)/live/_components/live-filters";
import { LiveSkeleton } from "@/app/(console)/live/_components/live-skeleton";
import { ManagersPanel } from "@/app/(console)/live/_components/managers-panel";
import { ParkExpiredCounter } from "@/app/(console)/live/_components/park-expired-counter";
import { useLiveData } from "@/app/(console)/live/_components/use-live-data";
import { useUrlFilters } from "@/app/(console)/live/_components/use-url-filters";
import { useWallboard } from "@/app/(console)/live/_components/use-wallboard";

export function LiveBoard({ currentUserId }: { currentUserId: string }) {
  const { t } = useI18n();
  const live = useLiveData();
  const now = useNow(1000);
  const [filters, setFilters] = useUrlFilters();
  const [isWallboard, toggleWallboard] = useWallboard();
  // Calls whose fade-out finished; they stay in the cache until the next refetch.
  const [goneIds, setGoneIds] = useState<ReadonlySet<string>>(() => new Set());
  const markGone = (id: string) => setGoneIds((ids) => new Set(ids).add(id));

  const onBoard = (live.data?.calls ?? []).filter(
    (call) => !goneIds.has(call.id) && !isLongGone(call, now),
  );
  const shown = onBoard.filter((call) => matchesFilters(call, filters));
  const activeCount = shown.filter((call) => call.state !== "ENDED").length;

  return (
    <div
      data-testid="live-board"
      data-wallboard={isWallboard || undefined}
      className={cn(isWallboard && "fixed inset-0 z-40 overflow-auto bg-slate-50 p-6")}
    >
      <PageHeader
        title={t("live.title")}
        description={t("live.description")}
        actions={
          <button
            type="button"
            onClick={toggleWallboard}
            aria-pressed={isWallboard}
            className={buttonClass("secondary", "sm")}
            data-testid="wallboard-toggle"
          >
            <Icon name={isWallboard ? "minimize" : "maximize"} className="size-4" />
            {isWallboard ? t("live.wallboardExit") : t("live.wallboard")}
          </button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="live-calls-heading" className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="live-calls-heading" className="text-base font-semibold text-slate-900">
              {t("live.callsHeading")}
              {live.data ? (
                <span className="ml-2 text-sm font-normal text-slate-500" data-testid="live-count">
                  {t("live.callsCount", { count: activeCount })}
                </span>
              ) : null}
            </h2>
            <ParkExpiredCounter />
            {live.data && !isWallboard ? (
              <LiveFilterBar
                filters={filters}
                calls={onBoard}
                managers={live.data.managers}
                onChange={setFilters}
              />
            ) : null}
          </div>
          {live.isPending ? <LiveSkeleton label={t("common.loading")} /> : null}
          {live.isError ? (
            <div
              className="space-y-3 rounded-xl border border-slate-200 bg-white p-6"
              data-testid="live-error"
            >
              <Alert>
                {t("live.loadFailed")} {describeError(t, live.error)}
              </Alert>
              <button
                type="button"
                onClick={() => void live.refetch()}
                className={buttonClass("secondary", "sm")}
              >
                {t("common.retry")}
              </button>
            </div>
          ) : null}
          {live.data && onBoard.length === 0 ? (
            <EmptyState icon="live" title={t("live.noCallsTitle")} testId="live-empty">
              <p>{t("live.noCallsBody")}</p>
            </EmptyState>
          ) : null}
          {live.data && onBoard.length > 0 && shown.length === 0 && hasFilters(filters) ? (
            <p
              className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600"
              data-testid="live-no-match"
            >
              {t("live.filterNoMatch")}
            </p>
          ) : null}
          {shown.length > 0 ? (
            <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
              <CallsTable calls={shown} now={now} onGone={markGone} isLarge={isWallboard} />
            </div>
          ) : null}
        </section>
        {live.data ? (
          <ManagersPanel
            managers={live.data.managers}
            calls={live.data.calls}
            now={now}
            currentUserId={currentUserId}
            myPresence={live.data.myPresence}
          />
        ) : null}
      </div>
    </div>
  );
}
