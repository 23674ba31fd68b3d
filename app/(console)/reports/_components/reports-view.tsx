"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { reportFiltersInput, type ReportFilters } from "@/lib/schemas/reports";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { EmptyState } from "@/lib/ui/empty-state";
import { MenuButton } from "@/lib/ui/menu-button";
import { PageHeader } from "@/lib/ui/page-header";
import { Skeleton } from "@/lib/ui/skeleton";
import { CallsChart } from "@/app/(console)/reports/_components/calls-chart";
import { DrillDialog } from "@/app/(console)/reports/_components/drill-dialog";
import { exportHref } from "@/app/(console)/reports/_components/export-href";
import { HeatMap } from "@/app/(console)/reports/_components/heat-map";
import { KpiTiles } from "@/app/(console)/reports/_components/kpi-tiles";
import { ManagersChart } from "@/app/(console)/reports/_components/managers-chart";
import { ManagersTable } from "@/app/(console)/reports/_components/managers-table";
import { ReportFilterBar } from "@/app/(console)/reports/_components/report-filter-bar";
import { TalkAveragesTable } from "@/app/(console)/reports/_components/talk-averages-table";
import { TalkChart } from "@/app/(console)/reports/_components/talk-chart";
import type { DrillTarget, FilterOptions } from "@/app/(console)/reports/_components/types";
import { useReportState } from "@/app/(console)/reports/_components/use-report-state";

type ReportsViewProps = { userId: string; options: FilterOptions; tabs?: ReactNode };

export function ReportsView({ userId, options, tabs }: ReportsViewProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const controls = useReportState(userId, options.today);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const parsed = reportFiltersInput.safeParse({
    from: controls.state.from,
    to: controls.state.to,
    managerIds: controls.state.managerIds,
    numbers: controls.state.numbers,
  });
  const filters: ReportFilters | null = parsed.success ? parsed.data : null;
  const enabled = filters !== null;
  const input = filters ?? { from: options.today, to: options.today, managerIds: [], numbers: [] };
  const summary = useQuery({
    ...trpc.reports.summary.queryOptions(input),
    enabled,
    placeholderData: keepPreviousData,
  });
  const series = useQuery({
    ...trpc.reports.series.queryOptions(input),
    enabled,
    placeholderData: keepPreviousData,
  });
  const isLoading = summary.isPending || series.isPending;
  const isError = summary.isError || series.isError;
  const isEmpty = summary.data && summary.data.total.incoming + summary.data.total.outgoing === 0;

  return (
    <div data-testid="reports-page" aria-busy={summary.isFetching || series.isFetching}>
      <PageHeader
        title={t("reports.title")}
        description={t("reports.description", { zone: options.timeZone })}
        actions={
          filters ? (
            <MenuButton
              label={t("reports.export")}
              testId="export-menu"
              items={[
                {
                  id: "managers",
                  label: t("reports.exportManagersItem"),
                  href: exportHref("managers", filters),
                  isDownload: true,
                  testId: "export-managers",
                },
                {
                  id: "calls",
                  label: t("reports.exportCallsItem"),
                  href: exportHref("calls", filters, { figure: "all", slice: {}, title: "" }),
                  isDownload: true,
                  testId: "export-calls",
                },
              ]}
            />
          ) : null
        }
      />
      {tabs}
      <ReportFilterBar options={options} controls={controls} isRangeValid={enabled} />
      {!enabled ? null : isError ? (
        <Alert testId="reports-error">
          {t("reports.loadFailed")}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => {
              void summary.refetch();
              void series.refetch();
            }}
          >
            {t("common.retry")}
          </button>
        </Alert>
      ) : isLoading ? (
        <div className="space-y-4" data-testid="reports-loading" aria-label={t("common.loading")}>
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : isEmpty ? (
        <EmptyState icon="reports" title={t("reports.noCallsTitle")} testId="reports-empty">
          <p>{t("reports.noCallsBody")}</p>
        </EmptyState>
      ) : summary.data && series.data ? (
        <>
          <p className="mb-2 text-xs text-slate-500">{t("reports.drillHint")}</p>
          <KpiTiles
            total={summary.data.total}
            serviceLevelSec={summary.data.serviceLevelSec}
            onDrill={setDrill}
          />
          <div className="mb-6 grid gap-4 xl:grid-cols-2">
            <CallsChart data={series.data} onDrill={setDrill} />
            <ManagersChart rows={summary.data.managers} onDrill={setDrill} />
            <HeatMap cells={series.data.heat} onDrill={setDrill} />
            <TalkChart data={series.data.talk} onDrill={setDrill} />
          </div>
          <ManagersTable
            rows={summary.data.managers}
            total={summary.data.total}
            serviceLevelSec={summary.data.serviceLevelSec}
            onDrill={setDrill}
          />
          {filters ? <TalkAveragesTable filters={filters} /> : null}
        </>
      ) : null}
      {filters ? (
        <DrillDialog
          target={drill}
          filters={filters}
          timeZone={options.timeZone}
          onClose={() => setDrill(null)}
        />
      ) : null}
    </div>
  );
}
