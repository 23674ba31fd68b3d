import { listApiCalls } from "@/server/api-v1/calls";
import { apiRoute, jsonResponse, readQuery } from "@/server/api-v1/handler";
import { callsQuery } from "@/server/api-v1/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/calls", async ({ principal, request }) =>
  jsonResponse(await listApiCalls(principal.tenantId, readQuery(request, callsQuery))),
);
