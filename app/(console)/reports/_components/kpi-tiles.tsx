"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Tooltip } from "@/lib/ui/tooltip";
import { formatMetric, metricValue } from "@/app/(console)/reports/_components/format-metric";
import {
  KPIS,
  type DrillTarget,
  type MetricsView,
} from "@/app/(console)/reports/_components/types";

type Props = {
  total: MetricsView;
  serviceLevelSec: number;
  onDrill: (target: DrillTarget) => void;
};

export function KpiTiles({ total, serviceLevelSec, onDrill }: Props) {
  const { t, locale } = useI18n();
  return (
    <ul className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7">
      {KPIS.map((kpi) => {
        const title = t(`reports.kpi.${kpi.key}`);
        return (
          <li key={kpi.key}>
            <Tooltip content={t(`reports.def.${kpi.key}`, { sec: serviceLevelSec })}>
              <button
                type="button"
                data-testid={`kpi-${kpi.key}`}
                onClick={() => onDrill({ figure: kpi.figure, slice: {}, title })}
                className="focus-visible:ring-brand-500 h-full w-full rounded-xl border border-slate-200 bg-white p-3 text-left shadow-sm hover:border-slate-300 focus-visible:ring-2 focus-visible:outline-none"
              >
                <span className="block text-xs font-medium text-slate-600">{title}</span>
                <span
                  data-testid={`kpi-${kpi.key}-value`}
                  className="mt-1 block text-xl font-semibold text-slate-900 tabular-nums"
                >
                  {formatMetric(kpi.kind, metricValue(total, kpi), locale)}
                </span>
                {kpi.key === "fallbacks" ? (
                  <span className="block text-xs text-slate-500">
                    {t("reports.ofIncoming", { count: total.routed })}
                  </span>
                ) : null}
                {kpi.figure === "talk" ? (
                  <span className="block text-xs text-slate-500">{t("reports.finishedOnly")}</span>
                ) : null}
              </button>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
