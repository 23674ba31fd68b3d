import { formatDuration } from "@/lib/ui/format-duration";
import type { Kpi, MetricsView } from "@/app/(console)/reports/_components/types";

export function formatMetric(kind: Kpi["kind"], value: number | null, locale: string): string {
  if (value === null) return "—";
  switch (kind) {
    case "count":
      return value.toLocaleString(locale);
    case "rate":
      return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
    case "seconds":
      return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} ${locale === "ru" ? "с" : "s"}`;
    case "duration":
      return formatDuration(Math.round(value));
  }
}

export const metricValue = (m: MetricsView, kpi: Kpi): number | null => m[kpi.key];
