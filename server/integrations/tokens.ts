import { LRUCache } from "lru-cache";
import { fetchFresh } from "@/server/cache/fetch-fresh";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import { requirePultSecret } from "@/server/config";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import { MttOAuthError, refreshTokens } from "@/server/mtt/oauth";
import { mttFetch } from "@/server/integrations/outbound";

// Refresh a little ahead of expiry so no call goes out with a token about to lapse.
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

const tokenSelect = {
  id: true,
  status: true,
  apiUrl: true,
  clientId: true,
  clientSecretEnc: true,
  oauthUrl: true,
  accessTokenEnc: true,
  refreshTokenEnc: true,
  accessExpiresAt: true,
  refreshExpiresAt: true,
} as const;

// Every RPC needs the API address and a valid access token: a recording download, a parked
// call's transfer. Read from the database (and decrypted) at most every 2 s per tenant, as the
// notification edge reads its keys, one read shared by the calls that arrive meanwhile; a
// refresh or a change of the connection in this process forgets it at once.
const ACCESS_CACHE_MS = 2_000;
type IntegrationRow = Awaited<ReturnType<typeof readRow>>;
type CachedAccess = { row: IntegrationRow; accessToken?: string };
const cache = new LRUCache<string, CachedAccess>({
  max: 1_000,
  ttl: ACCESS_CACHE_MS,
  fetchMethod: async (tenantId) => ({ row: await readRow(tenantId) }),
});

function readRow(tenantId: string) {
  return getDb().mttIntegration.findUnique({ where: { tenantId }, select: tokenSelect });
}

async function cachedRow(tenantId: string): Promise<CachedAccess> {
  return (await fetchFresh(cache, tenantId)) ?? { row: await readRow(tenantId) };
}

/** Drops what is cached of one tenant's connection, or of every tenant's. */
export function forgetMttAccess(tenantId?: string): void {
  if (tenantId === undefined) cache.clear();
  else cache.delete(tenantId);
}

/** The tenant's PBX API address, or null when the company has no integration. */
export async function getMttApiUrl(tenantId: string): Promise<string | null> {
  return (await cachedRow(tenantId)).row?.apiUrl ?? null;
}

function checkTokens(row: IntegrationRow) {
  if (!row || row.status === "NOT_CONNECTED" || !row.accessTokenEnc || !row.refreshTokenEnc) {
    throw new AppError("UNAVAILABLE", "The PBX is not connected");
  }
  if (row.status === "NEEDS_REAUTH")
    throw new AppError("UNAVAILABLE", "The PBX connection needs re-authorization");
  return { ...row, accessTokenEnc: row.accessTokenEnc, refreshTokenEnc: row.refreshTokenEnc };
}

/** Fresh from the database: what a refresh compares and rotates. */
async function loadTokens(tenantId: string) {
  return checkTokens(await readRow(tenantId));
}

export async function getValidAccessToken(tenantId: string): Promise<string> {
  const entry = await cachedRow(tenantId);
  const row = checkTokens(entry.row);
  const expiresAt = row.accessExpiresAt?.getTime() ?? 0;
  if (expiresAt - Date.now() > REFRESH_AHEAD_MS) {
    entry.accessToken ??= decryptSecret(row.accessTokenEnc, requirePultSecret());
    return entry.accessToken;
  }
  return refreshAccessToken(tenantId);
}

// One refresh per tenant at a time in this process; across instances the conditional update
// below detects that another instance rotated the refresh token first.
const inFlight = new Map<string, Promise<string>>();

export function refreshAccessToken(tenantId: string): Promise<string> {
  const running = inFlight.get(tenantId);
  if (running) return running;
  const task = doRefresh(tenantId).finally(() => {
    inFlight.delete(tenantId);
    forgetMttAccess(tenantId);
  });
  inFlight.set(tenantId, task);
  return task;
}

async function doRefresh(tenantId: string): Promise<string> {
  const db = getDb();
  const row = await loadTokens(tenantId);
  if (!row.clientId || !row.clientSecretEnc)
    throw new AppError("UNAVAILABLE", "The PBX credentials are missing");
  try {
    const tokens = await refreshTokens({
      oauthUrl: row.oauthUrl,
      clientId: row.clientId,
      clientSecret: decryptSecret(row.clientSecretEnc, requirePultSecret()),
      refreshToken: decryptSecret(row.refreshTokenEnc, requirePultSecret()),
      // Keeps the real expiry when MTT does not rotate the refresh token.
      refreshExpiresAt: row.refreshExpiresAt ?? undefined,
      fetch: mttFetch(),
    });
    const { count } = await db.mttIntegration.updateMany({
      where: { id: row.id, refreshTokenEnc: row.refreshTokenEnc },
      data: {
        accessTokenEnc: encryptSecret(tokens.accessToken, requirePultSecret()),
        refreshTokenEnc: encryptSecret(tokens.refreshToken, requirePultSecret()),
        accessExpiresAt: tokens.accessExpiresAt,
        refreshExpiresAt: tokens.refreshExpiresAt,
        status: "CONNECTED",
        lastError: null,
        lastErrorAt: null,
      },
    });
    if (count === 0)
      return decryptSecret((await loadTokens(tenantId)).accessTokenEnc, requirePultSecret());
    return tokens.accessToken;
  } catch (error) {
    // Another instance may have rotated the refresh token while we used the old one.
    const latest = await loadTokens(tenantId).catch(() => null);
    if (latest && latest.refreshTokenEnc !== row.refreshTokenEnc)
      return decryptSecret(latest.accessTokenEnc, requirePultSecret());
    const isRejected =
      error instanceof MttOAuthError &&
      (error.code === "invalid_grant" || error.code === "invalid_client");
    const message = error instanceof Error ? error.message : String(error);
    await db.mttIntegration.update({
      where: { id: row.id },
      data: {
        lastError: `Token refresh failed: ${message}`,
        lastErrorAt: new Date(),
        ...(isRejected ? { status: "NEEDS_REAUTH" } : {}),
      },
    });
    log.warn("MTT token refresh failed", { tenantId, needsReauth: isRejected, error: message });
    throw new AppError(
      "UNAVAILABLE",
      isRejected
        ? "The PBX connection needs re-authorization"
        : `Could not refresh the PBX token: ${message}`,
    );
  }
}

/** Periodic job: keep every connection's tokens fresh, so a quiet weekend never lapses the refresh token. */
export async function refreshExpiringTokens(): Promise<{ refreshed: number; failed: number }> {
  // Refresh when the access token is near expiry or the refresh token is past half its life.
  const soon = new Date(Date.now() + 15 * 60 * 1000);
  const rows = await getDb().mttIntegration.findMany({
    where: {
      status: "CONNECTED",
      OR: [
        { accessExpiresAt: { lt: soon } },
        { refreshExpiresAt: { lt: new Date(Date.now() + 36 * 3600 * 1000) } },
      ],
    },
    select: { tenantId: true },
  });
  let refreshed = 0;
  let failed = 0;
  for (const { tenantId } of rows) {
    try {
      await refreshAccessToken(tenantId);
      refreshed++;
    } catch {
      failed++;
    }
  }
  return { refreshed, failed };
}
