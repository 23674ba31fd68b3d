"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDuration } from "@/lib/ui/format-duration";
import type { DrillTarget, ReportSeries } from "@/app/(console)/reports/_components/types";

type Props = { data: ReportSeries["talk"]; onDrill: (target: DrillTarget) => void };

export function TalkChart({ data, onDrill }: Props) {
  const { t } = useI18n();
  const rows = data.map((b) => ({
    ...b,
    label:
      b.toSec === null
        ? t("reports.talkBucketOpen", { from: formatDuration(b.fromSec) })
        : t("reports.talkBucket", { from: formatDuration(b.fromSec), to: formatDuration(b.toSec) }),
  }));
  return (
    <figure
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="chart-talk"
    >
      <figcaption className="mb-3 text-sm font-semibold text-slate-900">
        {t("reports.chartTalk")}
      </figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar
              dataKey="calls"
              name={t("reports.series.calls")}
              fill="#4f46e5"
              cursor="pointer"
              onClick={(_, index) => {
                const row = rows[index];
                if (row)
                  onDrill({
                    figure: "talk",
                    slice: { talkBucket: row.bucket },
                    title: `${t("reports.chartTalk")} · ${row.label}`,
                  });
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
