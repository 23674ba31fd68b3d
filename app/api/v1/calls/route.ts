import { listApiCalls } from "@/server/api-v1/calls";
import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/server/api-v1/handler";
import { placeApiCall } from "@/server/api-v1/place-call";
import { callsQuery, placeCallBody } from "@/server/api-v1/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/calls", async ({ principal, request }) =>
  jsonResponse(await listApiCalls(principal.tenantId, readQuery(request, callsQuery))),
);

export const POST = apiRoute("POST /api/v1/calls", async (ctx) =>
  jsonResponse(await placeApiCall(ctx, await readJsonBody(ctx.request, placeCallBody)), 201),
);
