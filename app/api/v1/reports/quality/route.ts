import { apiRoute, jsonResponse, readQuery } from "@/server/api-v1/handler";
import { getApiQualityReport } from "@/server/api-v1/quality";
import { reportQuery } from "@/server/api-v1/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/reports/quality", async ({ principal, request }) =>
  jsonResponse(await getApiQualityReport(principal.tenantId, readQuery(request, reportQuery))),
);
