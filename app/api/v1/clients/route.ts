import { createApiClient, listApiClients } from "@/server/api-v1/clients";
import { apiRoute, jsonResponse, readJsonBody, readQuery } from "@/server/api-v1/handler";
import { clientsQuery, createClientBody } from "@/server/api-v1/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/clients", async (ctx) =>
  jsonResponse(await listApiClients(ctx, readQuery(ctx.request, clientsQuery))),
);

export const POST = apiRoute("POST /api/v1/clients", async (ctx) =>
  jsonResponse(await createApiClient(ctx, await readJsonBody(ctx.request, createClientBody)), 201),
);
