"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type { DrillTarget, ReportSeries } from "@/app/(console)/reports/_components/types";

type Props = { cells: ReportSeries["heat"]; onDrill: (target: DrillTarget) => void };

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Weekday × hour grid of incoming calls (Recharts has no heat map); each cell opens its calls. */
export function HeatMap({ cells, onDrill }: Props) {
  const { t } = useI18n();
  const max = Math.max(1, ...cells.map((c) => c.incoming));
  const at = (weekday: number, hour: number) =>
    cells.find((c) => c.weekday === weekday && c.hour === hour)?.incoming ?? 0;
  return (
    <figure
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="chart-heat"
    >
      <figcaption className="mb-3 text-sm font-semibold text-slate-900">
        {t("reports.chartHeat")}
      </figcaption>
      {/* All 24 hours fit the card at any width: the cells shrink, and on narrow screens
          only every third hour is labelled. */}
      <div className="grid grid-cols-[2rem_repeat(24,minmax(0,1fr))] gap-0.5 text-[10px] text-slate-500">
        <span />
        {HOURS.map((h) => (
          <span
            key={h}
            aria-hidden
            data-testid="heat-hour"
            className={h % 3 === 0 ? "text-center" : "text-center max-sm:invisible"}
          >
            {h}
          </span>
        ))}
        {DAYS.map((day) => (
          <div key={day} className="contents">
            <span className="self-center">{t(`reports.weekday.${day}`)}</span>
            {HOURS.map((hour) => {
              const count = at(day, hour);
              const label = t("reports.heatCell", {
                day: t(`reports.weekday.${day}`),
                hour,
                count,
              });
              return (
                <button
                  key={hour}
                  type="button"
                  title={label}
                  aria-label={label}
                  disabled={count === 0}
                  data-testid={`heat-${day}-${hour}`}
                  onClick={() =>
                    onDrill({
                      figure: "incoming",
                      slice: { cell: { weekday: day, hour } },
                      title: label,
                    })
                  }
                  className="focus-visible:ring-brand-500 h-6 rounded-sm focus-visible:ring-2 focus-visible:outline-none disabled:cursor-default"
                  style={{
                    backgroundColor: count
                      ? `rgba(79, 70, 229, ${0.12 + (0.88 * count) / max})`
                      : "#f1f5f9",
                  }}
                />
              );
            })}
          </div>
        ))}
      </div>
    </figure>
  );
}
