import { writeAudit } from "@/server/audit/audit";
import { generateToken } from "@/server/crypto/tokens";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import { requirePultSecret } from "@/server/config";
import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import { buildAuthorizeUrl, exchangeCode, MttOAuthError } from "@/server/mtt/oauth";
import { redirectUriFor, requireCredentials } from "@/server/integrations/integration";
import { mttFetch } from "@/server/integrations/outbound";
import { enqueueStructureSync } from "@/server/integrations/sync-job";
import type { Actor } from "@/server/policy/actor";
import { enqueueLiveCheck } from "@/server/integrations/live-calls-check";
import { forgetMttAccess } from "@/server/integrations/tokens";

const STATE_TTL_MS = 10 * 60 * 1000;
const MAX_DETAIL = 300;

export type ConnectErrorCode =
  | "state_mismatch"
  | "access_denied"
  | "invalid_grant"
  | "invalid_client"
  | "unreachable"
  | "unknown";
export type ConnectResult =
  { ok: true; tenantId: string } | { ok: false; code: ConnectErrorCode; detail: string };

export async function startConnect(scope: Actor): Promise<{ authorizeUrl: string }> {
  const integration = await requireCredentials(scope.tenantId);
  // The state ties MTT's redirect back to this attempt; single use, short-lived.
  const state = generateToken(24);
  await getDb().mttIntegration.update({
    where: { id: integration.id },
    data: { oauthState: state, oauthStateExpiresAt: new Date(Date.now() + STATE_TTL_MS) },
  });
  return {
    authorizeUrl: buildAuthorizeUrl({
      oauthUrl: integration.oauthUrl,
      clientId: integration.clientId,
      redirectUri: redirectUriFor(integration.notificationKey),
      state,
    }),
  };
}

function mapOAuthError(error: MttOAuthError): ConnectErrorCode {
  if (
    error.code === "invalid_grant" ||
    error.code === "invalid_client" ||
    error.code === "access_denied"
  )
    return error.code;
  if (error.code === "unreachable" || error.code === "timeout") return "unreachable";
  return "unknown";
}

/** The browser comes back from MTT's login form to the Redirect URI with ?code&state (or ?error). */
export async function completeConnect(
  notificationKey: string,
  params: {
    code: string | null;
    state: string | null;
    error: string | null;
    errorDescription: string | null;
  },
): Promise<ConnectResult | null> {
  const db = getDb();
  const integration = await db.mttIntegration.findUnique({
    where: { notificationKey },
    select: {
      id: true,
      tenantId: true,
      clientId: true,
      clientSecretEnc: true,
      oauthUrl: true,
      oauthState: true,
      oauthStateExpiresAt: true,
    },
  });
  if (!integration) return null;
  const isStateValid =
    params.state !== null &&
    integration.oauthState === params.state &&
    integration.oauthStateExpiresAt !== null &&
    integration.oauthStateExpiresAt > new Date();
  if (!isStateValid) {
    return {
      ok: false,
      code: "state_mismatch",
      detail: "The sign-in link expired or was already used",
    };
  }
  // Burn the state first, so a replayed redirect cannot be used twice.
  await db.mttIntegration.update({
    where: { id: integration.id },
    data: { oauthState: null, oauthStateExpiresAt: null },
  });
  if (params.error) {
    const code: ConnectErrorCode = params.error === "access_denied" ? "access_denied" : "unknown";
    const detail = (params.errorDescription ?? params.error).slice(0, MAX_DETAIL);
    // Stored, so the telephony page shows it from here and not from the redirect's address.
    await db.mttIntegration.update({
      where: { id: integration.id },
      data: { lastError: `Authorization refused by MTT: ${detail}`, lastErrorAt: new Date() },
    });
    return { ok: false, code, detail };
  }
  if (!params.code || !integration.clientId || !integration.clientSecretEnc) {
    return { ok: false, code: "unknown", detail: "MTT returned no authorization code" };
  }
  try {
    const tokens = await exchangeCode({
      oauthUrl: integration.oauthUrl,
      clientId: integration.clientId,
      clientSecret: decryptSecret(integration.clientSecretEnc, requirePultSecret()),
      code: params.code,
      redirectUri: redirectUriFor(notificationKey),
      fetch: mttFetch(),
    });
    await db.$transaction(async (tx) => {
      await tx.mttIntegration.update({
        where: { id: integration.id },
        data: {
          status: "CONNECTED",
          accessTokenEnc: encryptSecret(tokens.accessToken, requirePultSecret()),
          refreshTokenEnc: encryptSecret(tokens.refreshToken, requirePultSecret()),
          accessExpiresAt: tokens.accessExpiresAt,
          refreshExpiresAt: tokens.refreshExpiresAt,
          lastError: null,
          lastErrorAt: null,
        },
      });
      await writeAudit(tx, {
        tenantId: integration.tenantId,
        action: "integration.connect",
        targetType: "integration",
        targetId: integration.id,
      });
    });
    forgetMttAccess(integration.tenantId);
    await enqueueStructureSync(integration.tenantId);
    // Calls held as in progress are asked about as soon as the PBX can be asked again.
    await enqueueLiveCheck();
    return { ok: true, tenantId: integration.tenantId };
  } catch (error) {
    const code = error instanceof MttOAuthError ? mapOAuthError(error) : "unknown";
    const detail = error instanceof Error ? error.message : String(error);
    log.warn("MTT authorization failed", { tenantId: integration.tenantId, code, detail });
    await db.mttIntegration.update({
      where: { id: integration.id },
      data: { lastError: `Authorization failed: ${detail}`, lastErrorAt: new Date() },
    });
    return { ok: false, code, detail };
  }
}
