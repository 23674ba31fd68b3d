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
import type { DrillTarget, ManagerRow } from "@/app/(console)/reports/_components/types";

type Props = { rows: ManagerRow[]; onDrill: (target: DrillTarget) => void };

export function ManagersChart({ rows, onDrill }: Props) {
  const { t } = useI18n();
  const data = rows
    .filter((r) => r.incoming > 0)
    .map((r) => ({ ...r, label: r.name ?? t("reports.unassigned") }));
  const drill = (figure: "answered" | "missed", index: number) => {
    const row = data[index];
    if (!row) return;
    onDrill({
      figure,
      slice: { manager: row.managerId ?? "none" },
      title: `${t(`reports.series.${figure}`)} · ${row.label}`,
    });
  };
  return (
    <figure
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="chart-managers"
    >
      <figcaption className="mb-3 text-sm font-semibold text-slate-900">
        {t("reports.chartManagers")}
      </figcaption>
      <div style={{ height: Math.max(160, data.length * 28 + 60) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="answered"
              name={t("reports.series.answered")}
              stackId="m"
              fill="#16a34a"
              cursor="pointer"
              onClick={(_, i) => drill("answered", i)}
            />
            <Bar
              dataKey="missed"
              name={t("reports.series.missed")}
              stackId="m"
              fill="#dc2626"
              cursor="pointer"
              onClick={(_, i) => drill("missed", i)}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
