import type { ReportFilters } from "@/lib/schemas/reports";
import type { DrillTarget } from "@/app/(console)/reports/_components/types";

/** The CSV export URL for the same filters (and figure/slice) the screen shows. */
export function exportHref(
  kind: "calls" | "managers",
  filters: ReportFilters,
  target?: DrillTarget,
): string {
  const p = new URLSearchParams({ kind, from: filters.from, to: filters.to });
  for (const id of filters.managerIds) p.append("manager", id);
  for (const n of filters.numbers) p.append("number", n);
  if (target) {
    p.set("figure", target.figure);
    const s = target.slice;
    if (s.manager) p.set("sliceManager", s.manager);
    if (s.bucket) {
      p.set("bucket", s.bucket.start);
      p.set("unit", s.bucket.unit);
    }
    if (s.cell) {
      p.set("weekday", String(s.cell.weekday));
      p.set("hour", String(s.cell.hour));
    }
    if (s.talkBucket !== undefined) p.set("talkBucket", String(s.talkBucket));
  }
  return `/api/reports/export?${p.toString()}`;
}
