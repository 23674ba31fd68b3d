"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { DrillTarget, ReportSeries } from "@/app/(console)/reports/_components/types";

type Props = { data: ReportSeries; onDrill: (target: DrillTarget) => void };

const ANSWERED = "#16a34a";
const MISSED = "#dc2626";

/** Answered vs missed incoming calls per day (or hour), stacked; a bar opens its calls. */
export function CallsChart({ data, onDrill }: Props) {
  const { t } = useI18n();
  const isHourly = data.unit === "hour";
  const label = (bucket: string) => (isHourly ? bucket.slice(11, 16) : bucket.slice(5, 10));
  const rows = data.series.map((p) => ({ ...p, label: label(p.bucket) }));
  const drill = (figure: "answered" | "missed", index: number) => {
    const point = data.series[index];
    if (!point) return;
    onDrill({
      figure,
      slice: { bucket: { start: point.bucket, unit: data.unit } },
      title: `${t(`reports.series.${figure}`)} · ${isHourly ? point.bucket.replace("T", " ") : point.bucket.slice(0, 10)}`,
    });
  };
  return (
    <figure
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="chart-calls"
    >
      <figcaption className="mb-3 text-sm font-semibold text-slate-900">
        {t(isHourly ? "reports.chartCallsHourly" : "reports.chartCalls")}
      </figcaption>
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="answered"
              name={t("reports.series.answered")}
              stackId="calls"
              fill={ANSWERED}
              cursor="pointer"
              onClick={(_, index) => drill("answered", index)}
            />
            <Bar
              dataKey="missed"
              name={t("reports.series.missed")}
              stackId="calls"
              fill={MISSED}
              cursor="pointer"
              onClick={(_, index) => drill("missed", index)}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
