import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { REPORT_FIGURES, reportFiltersInput, reportSliceInput } from "@/lib/schemas/reports";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canSeeAllCalls } from "@/server/policy/policy";
import { exportCallsCsv, exportManagersCsv } from "@/server/reports/export";
import { getReportScope, toSlice } from "@/server/reports/queries";

/**
 * GET /api/reports/export: CSV of what /reports shows for the same filters. `kind=managers` is
 * the per-manager table, `kind=calls` the calls behind a figure (optionally one bar, cell or
 * manager).
 */
export async function exportReport(actor: Actor, url: URL, locale: Locale): Promise<Response> {
  if (!canSeeAllCalls(actor)) throw new AppError("FORBIDDEN", "Reports are for supervisors");
  const params = url.searchParams;
  const filters = reportFiltersInput.safeParse({
    from: params.get("from"),
    to: params.get("to"),
    managerIds: params.getAll("manager"),
    numbers: params.getAll("number"),
  });
  const hasCell = params.has("weekday") || params.has("hour");
  const slice = reportSliceInput.safeParse({
    manager: params.get("sliceManager") ?? undefined,
    bucket: params.has("bucket")
      ? { start: params.get("bucket"), unit: params.get("unit") ?? "day" }
      : undefined,
    cell: hasCell
      ? { weekday: Number(params.get("weekday")), hour: Number(params.get("hour")) }
      : undefined,
    talkBucket: params.has("talkBucket") ? Number(params.get("talkBucket")) : undefined,
  });
  const kind = z.enum(["calls", "managers"]).safeParse(params.get("kind") ?? "calls");
  const figure = z.enum(REPORT_FIGURES).safeParse(params.get("figure") ?? "all");
  if (!filters.success || !slice.success || !kind.success || !figure.success) {
    throw new AppError("VALIDATION", "Check the report filters");
  }
  const scope = await getReportScope(actor.tenantId, filters.data);
  const name = `${kind.data === "managers" ? "managers" : "calls"}-${scope.from}-${scope.to}.csv`;
  const headers = {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
  };
  if (kind.data === "managers") {
    return new Response(await exportManagersCsv(scope, locale), { headers });
  }
  const csv = exportCallsCsv(scope, figure.data, toSlice(slice.data), locale);
  return new Response(csv, { headers });
}
