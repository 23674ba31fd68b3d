import { z } from "zod";
import { getLocale } from "@/lib/i18n/server";
import { REPORT_FIGURES, reportFiltersInput, reportSliceInput } from "@/lib/schemas/reports";
import { getSessionUser } from "@/server/auth/session";
import { canSeeAllCalls } from "@/server/calls/live";
import { log } from "@/server/logger";
import { exportCallsCsv, exportManagersCsv } from "@/server/reports/export";
import { getReportScope, toSlice } from "@/server/reports/queries";

export const dynamic = "force-dynamic";

function json(status: number, error: string, message: string) {
  return Response.json({ error, message }, { status, headers: { "cache-control": "no-store" } });
}

// CSV of what /reports shows for the same filters: `kind=managers` is the per-manager table,
// `kind=calls` the calls behind a figure (optionally one bar, cell or manager).
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return json(401, "UNAUTHENTICATED", "Sign in to continue");
  if (!canSeeAllCalls(user)) return json(403, "FORBIDDEN", "Reports are for supervisors");
  const params = new URL(request.url).searchParams;
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
    return json(400, "VALIDATION", "Check the report filters");
  }
  try {
    const scope = await getReportScope(user.tenantId, filters.data);
    const locale = await getLocale();
    const name = `${kind.data === "managers" ? "managers" : "calls"}-${scope.from}-${scope.to}.csv`;
    const headers = {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    };
    if (kind.data === "managers") {
      return new Response(await exportManagersCsv(scope, locale), { headers });
    }
    return new Response(exportCallsCsv(scope, figure.data, toSlice(slice.data), locale), {
      headers,
    });
  } catch (error) {
    log.error("report export failed", { error });
    return json(500, "INTERNAL", "Export failed");
  }
}
