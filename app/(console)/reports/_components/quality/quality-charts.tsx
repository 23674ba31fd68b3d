"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { QualityReport } from "@/app/(console)/quality/_components/types";

type Props = {
  report: QualityReport;
  onManager: (managerId: string | null, label: string) => void;
};

/** Average score over time and per manager. */
export function QualityCharts({ report, onManager }: Props) {
  const { t } = useI18n();
  const managers = report.managers
    .filter((m) => m.avgScore !== null)
    .map((m) => ({ ...m, label: m.name ?? t("reports.unassigned") }));
  return (
    <div className="mb-6 grid gap-4 xl:grid-cols-2">
      <figure
        className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        data-testid="quality-chart-trend"
      >
        <figcaption className="mb-3 text-sm font-semibold text-slate-900">
          {t("quality.report.chartTrend")}
        </figcaption>
        <div style={{ height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={report.series} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="day" tick={{ fontSize: 12 }} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} />
              <Tooltip
                formatter={(value) => [`${String(value)} %`, t("quality.report.avgScore")]}
              />
              <Line
                type="monotone"
                dataKey="avgScore"
                name={t("quality.report.avgScore")}
                stroke="#4f46e5"
                strokeWidth={2}
                dot
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure
        className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        data-testid="quality-chart-managers"
      >
        <figcaption className="mb-3 text-sm font-semibold text-slate-900">
          {t("quality.report.chartManagers")}
        </figcaption>
        <div style={{ height: Math.max(160, managers.length * 28 + 60) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={managers}
              layout="vertical"
              margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
              <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 12 }} />
              <Tooltip
                formatter={(value) => [`${String(value)} %`, t("quality.report.avgScore")]}
              />
              <Bar
                dataKey="avgScore"
                name={t("quality.report.avgScore")}
                fill="#4f46e5"
                maxBarSize={28}
                cursor="pointer"
                isAnimationActive={false}
                onClick={(_, index) => {
                  const row = managers[index];
                  if (row) onManager(row.managerId, row.label);
                }}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
