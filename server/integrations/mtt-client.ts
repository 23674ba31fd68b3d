import { AppError } from "@/server/errors";
import { createMttClient } from "@/server/mtt/rpc-client";
import { mttFetch } from "@/server/integrations/outbound";
import {
  getMttApiUrl,
  getValidAccessToken,
  refreshAccessToken,
} from "@/server/integrations/tokens";

/** A JSON-RPC client for a tenant's PBX, with tokens refreshed ahead of expiry and on 401. */
export async function getMttClient(tenantId: string) {
  const apiUrl = await getMttApiUrl(tenantId);
  if (apiUrl === null) throw new AppError("UNAVAILABLE", "The PBX is not connected");
  return createMttClient({
    apiUrl,
    getAccessToken: () => getValidAccessToken(tenantId),
    refreshAccessToken: () => refreshAccessToken(tenantId),
    fetch: mttFetch(),
  });
}
