import { apiRoute, jsonResponse, readQuery } from "@/server/api-v1/handler";
import { getApiManagerReport } from "@/server/api-v1/reports";
import { reportQuery } from "@/server/api-v1/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/reports/managers", async ({ principal, request }) =>
  jsonResponse(await getApiManagerReport(principal.tenantId, readQuery(request, reportQuery))),
);
