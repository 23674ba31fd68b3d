import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { createMttClient } from "@/server/mtt/rpc-client";
import { mttFetch } from "@/server/integrations/outbound";
import { getValidAccessToken, refreshAccessToken } from "@/server/integrations/tokens";

/** A JSON-RPC client for a tenant's PBX, with tokens refreshed ahead of expiry and on 401. */
export async function getMttClient(tenantId: string) {
  const row = await getDb().mttIntegration.findUnique({
    where: { tenantId },
    select: { apiUrl: true },
  });
  if (!row) throw new AppError("UNAVAILABLE", "The PBX is not connected");
  return createMttClient({
    apiUrl: row.apiUrl,
    getAccessToken: () => getValidAccessToken(tenantId),
    refreshAccessToken: () => refreshAccessToken(tenantId),
    fetch: mttFetch(),
  });
}
