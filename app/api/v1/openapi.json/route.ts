import { getConfig } from "@/server/config";
import { buildOpenApiDocument } from "@/server/api-v1/openapi";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Public on purpose: the document describes the API, it reveals no data.
export function GET() {
  return Response.json(buildOpenApiDocument(getConfig().publicUrl), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
