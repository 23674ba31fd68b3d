import { forgetNotificationKeys } from "@/server/integrations/notifications";
import { forgetMttAccess } from "@/server/integrations/tokens";
import { generateToken } from "@/server/crypto/tokens";
import { encryptSecret } from "@/server/crypto/secret-box";
import { writeAudit } from "@/server/audit/audit";
import { getConfig, requirePultSecret } from "@/server/config";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { findActiveJob } from "@/server/jobs/queue";
import type { SaveCredentialsInput } from "@/lib/schemas/integration";
import { checkUrlAllowed } from "@/server/mtt/outbound";
import { mttOutboundPolicy } from "@/server/integrations/outbound";
import type { Actor } from "@/server/policy/actor";

export const REFRESH_WARNING_MS = 24 * 60 * 60 * 1000;
export const syncJobKey = (tenantId: string) => `directory.sync:${tenantId}`;

export function redirectUriFor(notificationKey: string): string {
  return `${getConfig().publicUrl}/api/mtt/${notificationKey}`;
}

/** Every tenant has one integration row; its random key exists before any credentials. */
export async function ensureIntegration(tenantId: string) {
  return getDb().mttIntegration.upsert({
    where: { tenantId },
    create: { tenantId, notificationKey: generateToken(32) },
    update: {},
    select: { id: true, notificationKey: true },
  });
}

export async function getIntegrationView(tenantId: string, simulatorUrl: string | null) {
  await ensureIntegration(tenantId);
  const db = getDb();
  const [row, workplaces, terminals, numbers, job] = await Promise.all([
    db.mttIntegration.findUniqueOrThrow({
      where: { tenantId },
      select: {
        status: true,
        clientId: true,
        clientSecretEnc: true,
        notificationKey: true,
        apiUrl: true,
        oauthUrl: true,
        accessExpiresAt: true,
        refreshExpiresAt: true,
        lastNotificationAt: true,
        lastSyncAt: true,
        lastError: true,
        lastErrorAt: true,
        structureVersion: true,
      },
    }),
    db.workplace.count({ where: { tenantId, archivedAt: null } }),
    db.terminal.count({ where: { tenantId, archivedAt: null } }),
    db.pbxNumber.count({ where: { tenantId, archivedAt: null } }),
    findActiveJob(syncJobKey(tenantId)),
  ]);
  const refreshLapsesSoon =
    row.status === "CONNECTED" &&
    row.refreshExpiresAt !== null &&
    row.refreshExpiresAt.getTime() - Date.now() < REFRESH_WARNING_MS;
  return {
    status: row.status,
    clientId: row.clientId,
    hasSecret: row.clientSecretEnc !== null,
    redirectUri: redirectUriFor(row.notificationKey),
    apiUrl: row.apiUrl,
    oauthUrl: row.oauthUrl,
    accessExpiresAt: row.accessExpiresAt,
    refreshExpiresAt: row.refreshExpiresAt,
    refreshLapsesSoon,
    lastNotificationAt: row.lastNotificationAt,
    lastSyncAt: row.lastSyncAt,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    structureVersion: row.structureVersion,
    counts: { workplaces, terminals, numbers },
    sync: {
      running: job !== null,
      startedAt: job?.createdAt ?? null,
      step: job?.progress ?? null,
    },
    isSimulator: simulatorUrl !== null && isSameLocalOrigin(row.oauthUrl, simulatorUrl),
  };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** localhost, 127.0.0.1 and ::1 are one machine: the simulator may be named either way. */
export function isSameLocalOrigin(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    const sameHost =
      x.hostname === y.hostname || (LOOPBACK.has(x.hostname) && LOOPBACK.has(y.hostname));
    return sameHost && x.port === y.port && x.protocol === y.protocol;
  } catch {
    return false;
  }
}

/** Field errors for addresses the host policy would never let Pult reach. */
async function refusedAddresses(input: SaveCredentialsInput): Promise<Record<string, string[]>> {
  const policy = mttOutboundPolicy();
  const errors: Record<string, string[]> = {};
  for (const field of ["apiUrl", "oauthUrl"] as const) {
    const url = input[field];
    if (url && !(await checkUrlAllowed(url, policy))) errors[field] = ["private_address"];
  }
  return errors;
}

const clearedConnection = {
  status: "NOT_CONNECTED",
  accessTokenEnc: null,
  refreshTokenEnc: null,
  accessExpiresAt: null,
  refreshExpiresAt: null,
  oauthState: null,
  oauthStateExpiresAt: null,
} as const;

export async function saveCredentials(scope: Actor, input: SaveCredentialsInput) {
  const refused = await refusedAddresses(input);
  if (Object.keys(refused).length > 0)
    throw new AppError("VALIDATION", "Pult does not connect to addresses on its own network", {
      fieldErrors: refused,
    });
  const current = await ensureIntegration(scope.tenantId);
  await getDb().$transaction(async (tx) => {
    const before = await tx.mttIntegration.findUniqueOrThrow({
      where: { id: current.id },
      select: { clientId: true, apiUrl: true, oauthUrl: true, clientSecretEnc: true },
    });
    const isNewOauthUrl = input.oauthUrl !== undefined && input.oauthUrl !== before.oauthUrl;
    const isNewApiUrl = input.apiUrl !== undefined && input.apiUrl !== before.apiUrl;
    // The stored secret was given for the OAuth server it was saved with: it goes to a new
    // one only if typed in again.
    if (isNewOauthUrl && !input.clientSecret && before.clientSecretEnc !== null)
      throw new AppError("VALIDATION", "Enter the client secret again for the new OAuth address", {
        fieldErrors: { clientSecret: ["secret_required"] },
      });
    // Tokens were issued by the old OAuth server for the old API and client: a new address or
    // client starts over with "Connect", and the refresh token never goes to a new host.
    const startsOver = isNewOauthUrl || isNewApiUrl || input.clientId !== before.clientId;
    await tx.mttIntegration.update({
      where: { id: current.id },
      data: {
        clientId: input.clientId,
        clientSecretEnc: input.clientSecret
          ? encryptSecret(input.clientSecret, requirePultSecret())
          : undefined,
        apiUrl: input.apiUrl,
        oauthUrl: input.oauthUrl,
        signNotifications: input.signNotifications,
        ...(startsOver ? clearedConnection : {}),
      },
    });
    await writeAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: "integration.credentials.update",
      targetType: "integration",
      targetId: current.id,
      // Never the secret itself: only whether it changed.
      data: {
        before: { clientId: before.clientId, apiUrl: before.apiUrl, oauthUrl: before.oauthUrl },
        clientId: input.clientId,
        apiUrl: input.apiUrl ?? null,
        oauthUrl: input.oauthUrl ?? null,
        secretChanged: Boolean(input.clientSecret),
        tokensCleared: startsOver,
      },
      ip: scope.ip,
    });
  });
  forgetNotificationKeys();
  forgetMttAccess(scope.tenantId);
  return { ok: true as const };
}

export async function disconnectIntegration(scope: Actor) {
  const current = await ensureIntegration(scope.tenantId);
  await getDb().$transaction(async (tx) => {
    await tx.mttIntegration.update({
      where: { id: current.id },
      data: {
        status: "NOT_CONNECTED",
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessExpiresAt: null,
        refreshExpiresAt: null,
        oauthState: null,
        oauthStateExpiresAt: null,
      },
    });
    await writeAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: "integration.disconnect",
      targetType: "integration",
      targetId: current.id,
      ip: scope.ip,
    });
  });
  forgetMttAccess(scope.tenantId);
  return { ok: true as const };
}

export async function requireCredentials(tenantId: string) {
  const row = await getDb().mttIntegration.findUnique({
    where: { tenantId },
    select: {
      id: true,
      clientId: true,
      clientSecretEnc: true,
      oauthUrl: true,
      apiUrl: true,
      notificationKey: true,
    },
  });
  if (!row?.clientId || !row.clientSecretEnc) {
    throw new AppError("CONFLICT", "Save the client id and secret from the MTT cabinet first");
  }
  return { ...row, clientId: row.clientId, clientSecretEnc: row.clientSecretEnc };
}
