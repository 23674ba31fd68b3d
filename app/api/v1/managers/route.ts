import { apiRoute, jsonResponse } from "@/server/api-v1/handler";
import { listApiManagers } from "@/server/api-v1/managers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/managers", async ({ principal }) =>
  jsonResponse(await listApiManagers(principal.tenantId)),
);
