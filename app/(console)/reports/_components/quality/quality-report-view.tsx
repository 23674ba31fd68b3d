"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { reportFiltersInput } from "@/lib/schemas/reports";
import { addDays, formatLocalDate, parseLocalDate } from "@/lib/zoned-time";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { inputClass } from "@/lib/ui/input-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { formatRate, formatScore } from "@/app/(console)/quality/_components/quality-format";
import { QualityCharts } from "@/app/(console)/reports/_components/quality/quality-charts";
import {
  QualityDrillDialog,
  type QualityDrill,
} from "@/app/(console)/reports/_components/quality/quality-drill-dialog";
import { QualityTables } from "@/app/(console)/reports/_components/quality/quality-tables";
import { ScriptCompliance } from "@/app/(console)/reports/_components/scripts/script-compliance";

const monthBefore = (today: string) => {
  const date = parseLocalDate(today);
  return date ? formatLocalDate(addDays(date, -29)) : today;
};

/** Reports → Quality: evaluations made in the period, by manager, over time and per criterion. */
export function QualityReportView({ today, timeZone }: { today: string; timeZone: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [from, setFrom] = useState(monthBefore(today));
  const [to, setTo] = useState(today);
  const [drill, setDrill] = useState<QualityDrill | null>(null);
  const parsed = reportFiltersInput.safeParse({ from, to });
  const filters = parsed.success ? parsed.data : null;
  const report = useQuery({
    ...trpc.quality.report.queryOptions(
      filters ?? { from: today, to: today, managerIds: [], numbers: [] },
    ),
    enabled: filters !== null,
    placeholderData: keepPreviousData,
  });
  const csv = filters
    ? `/api/reports/quality-export?from=${filters.from}&to=${filters.to}`
    : undefined;
  const total = report.data?.total;
  const tiles = total
    ? [
        {
          key: "evaluations",
          label: t("quality.report.evaluations"),
          value: String(total.evaluations),
          only: "all" as const,
        },
        {
          key: "avgScore",
          label: t("quality.report.avgScore"),
          value: formatScore(total.avgScore),
          only: "all" as const,
        },
        {
          key: "passRate",
          label: t("quality.report.passRate"),
          value: formatRate(total.passRate),
          only: "all" as const,
        },
        {
          key: "criticalFailures",
          label: t("quality.report.criticalFailures"),
          value: String(total.criticalFailures),
          only: "critical" as const,
        },
        {
          key: "disputes",
          label: t("quality.report.disputes"),
          value: `${total.disputes.raised} / ${total.disputes.open}`,
          only: "disputed" as const,
        },
      ]
    : [];
  return (
    <div data-testid="quality-report" aria-busy={report.isFetching}>
      <p className="mb-3 text-sm text-slate-600">
        {t("quality.report.description", { zone: timeZone })}
      </p>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <label className="space-y-1 text-sm text-slate-700">
          <span className="block">{t("quality.report.from")}</span>
          <input
            type="date"
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
            className={inputClass(!parsed.success, "h-9 w-40")}
            data-testid="quality-from"
          />
        </label>
        <label className="space-y-1 text-sm text-slate-700">
          <span className="block">{t("quality.report.to")}</span>
          <input
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            className={inputClass(!parsed.success, "h-9 w-40")}
            data-testid="quality-to"
          />
        </label>
        {csv ? (
          <>
            <a
              href={`${csv}&kind=managers`}
              download
              className={buttonClass("secondary")}
              data-testid="quality-export"
            >
              {t("quality.report.csvManagers")}
            </a>
            <a
              href={`${csv}&kind=evaluations`}
              download
              className={buttonClass("secondary")}
              data-testid="quality-export-evaluations"
            >
              {t("quality.report.csvEvaluations")}
            </a>
          </>
        ) : null}
      </div>
      {!parsed.success ? (
        <Alert>{t("quality.report.badPeriod")}</Alert>
      ) : report.isError ? (
        <Alert testId="quality-report-error">
          {t("quality.loadFailed")}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => void report.refetch()}
          >
            {t("common.retry")}
          </button>
        </Alert>
      ) : report.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : report.data.total.evaluations === 0 ? (
        <EmptyState
          icon="star"
          title={t("quality.report.emptyTitle")}
          testId="quality-report-empty"
        >
          <p>{t("quality.report.emptyBody")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-5">
            {tiles.map((tile) => (
              <button
                key={tile.key}
                type="button"
                onClick={() => setDrill({ only: tile.only, title: tile.label })}
                className="hover:border-brand-300 rounded-xl border border-slate-200 bg-white p-3 text-left shadow-sm"
                data-testid={`quality-kpi-${tile.key}`}
              >
                <span className="block text-xs text-slate-500">{tile.label}</span>
                <span className="text-xl font-semibold text-slate-900 tabular-nums">
                  {tile.value}
                </span>
              </button>
            ))}
          </div>
          <QualityCharts
            report={report.data}
            onManager={(managerId, label) =>
              setDrill({ managerId: managerId ?? undefined, only: "all", title: label })
            }
          />
          <QualityTables report={report.data} onDrill={setDrill} />
        </>
      )}
      {filters ? <ScriptCompliance from={filters.from} to={filters.to} /> : null}
      {filters ? (
        <QualityDrillDialog drill={drill} filters={filters} onClose={() => setDrill(null)} />
      ) : null}
    </div>
  );
}
