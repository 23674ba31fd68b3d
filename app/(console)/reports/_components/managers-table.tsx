"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { ScrollX } from "@/lib/ui/scroll-x";
import { Tooltip } from "@/lib/ui/tooltip";
import { formatMetric } from "@/app/(console)/reports/_components/format-metric";
import {
  KPIS,
  type DrillTarget,
  type ManagerRow,
  type MetricsView,
} from "@/app/(console)/reports/_components/types";

type Props = {
  rows: ManagerRow[];
  total: MetricsView;
  serviceLevelSec: number;
  onDrill: (target: DrillTarget) => void;
};

const COLUMNS = KPIS.filter((k) => k.key !== "medianCallbackSec");
// The name column stays in view while the figures scroll sideways on narrow screens.
const stickyCell = "sticky left-0 z-[1] py-2 pr-2 pl-4 text-left";

/** Per-manager figures; every number opens the calls behind it for that manager. */
export function ManagersTable({ rows, total, serviceLevelSec, onDrill }: Props) {
  const { t, locale } = useI18n();
  const cell = (
    row: MetricsView,
    kpi: (typeof COLUMNS)[number],
    manager: string | null,
    who: string,
    testId: string,
  ) => (
    <td key={kpi.key} className="px-0.5 py-2 text-right whitespace-nowrap tabular-nums">
      <button
        type="button"
        data-testid={testId}
        className="hover:text-brand-700 focus-visible:ring-brand-500 rounded px-0.5 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:outline-none"
        onClick={() =>
          onDrill({
            figure: kpi.figure,
            slice:
              manager === undefined ? {} : manager === null ? { manager: "none" } : { manager },
            title: `${t(`reports.kpi.${kpi.key}`)} · ${who}`,
          })
        }
      >
        {formatMetric(kpi.kind, row[kpi.key], locale)}
      </button>
    </td>
  );
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        {t("reports.table")}
      </h2>
      <ScrollX label={t("reports.table")}>
        <table className="w-full text-sm" data-testid="managers-table">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className={`${stickyCell} bg-slate-50 font-medium`}>
                {t("reports.colManager")}
              </th>
              {COLUMNS.map((k) => (
                <th key={k.key} scope="col" className="px-1 py-2 text-right align-bottom">
                  <Tooltip content={t(`reports.def.${k.key}`, { sec: serviceLevelSec })}>
                    <button
                      type="button"
                      className="cursor-help text-right font-medium underline decoration-slate-300 decoration-dotted underline-offset-2"
                    >
                      {t(`reports.kpi.${k.key}`)}
                    </button>
                  </Tooltip>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const who = row.name ?? t("reports.unassigned");
              return (
                <tr key={row.managerId ?? "none"} data-testid="manager-row" data-manager={who}>
                  <th scope="row" className={`${stickyCell} bg-white font-medium text-slate-900`}>
                    {who}
                  </th>
                  {COLUMNS.map((k) => cell(row, k, row.managerId, who, `cell-${k.key}`))}
                </tr>
              );
            })}
          </tbody>
          <tfoot className="border-t-2 border-slate-200 font-semibold">
            <tr data-testid="total-row">
              <th scope="row" className={`${stickyCell} bg-white`}>
                {t("reports.total")}
              </th>
              {COLUMNS.map((k) => (
                <td
                  key={k.key}
                  className="px-1 py-2 text-right whitespace-nowrap tabular-nums"
                  data-testid={`total-${k.key}`}
                >
                  {formatMetric(k.kind, total[k.key], locale)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </ScrollX>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        {t("reports.talkNote")}
      </p>
    </section>
  );
}
