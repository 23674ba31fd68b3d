import { getDb } from "../db";
import { AppError } from "../errors";
import { createMttClient } from "../mtt/rpc-client";
import { mttFetch } from "./outbound";
import { getValidAccessToken, refreshAccessToken } from "./tokens";

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
