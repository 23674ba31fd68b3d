import { getApiClient, updateApiClient } from "@/server/api-v1/clients";
import { apiRoute, jsonResponse, readJsonBody, readParams } from "@/server/api-v1/handler";
import { clientIdParams, updateClientBody } from "@/server/api-v1/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("GET /api/v1/clients/{id}", async (ctx, params) => {
  const { id } = readParams(params, clientIdParams);
  return jsonResponse(await getApiClient(ctx, id));
});

export const PATCH = apiRoute<Params>("PATCH /api/v1/clients/{id}", async (ctx, params) => {
  const { id } = readParams(params, clientIdParams);
  const body = await readJsonBody(ctx.request, updateClientBody);
  return jsonResponse(await updateApiClient(ctx, id, body));
});
