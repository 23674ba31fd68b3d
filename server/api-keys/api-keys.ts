import type { CreateApiKeyInput } from "@/lib/schemas/api-keys";
import { writeAudit } from "@/server/audit/audit";
import { getDb, Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import {
  displayPrefix,
  generateApiKey,
  hashApiKey,
  isPlausibleApiKey,
} from "@/server/api-keys/key-format";
import type { Actor } from "@/server/policy/actor";

export const apiKeyListSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyView = Prisma.ApiKeyGetPayload<{ select: typeof apiKeyListSelect }>;

/** The tenant's keys, active first, newest first; never the hash. */
export async function listApiKeys(tenantId: string): Promise<ApiKeyView[]> {
  const keys = await getDb().apiKey.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: apiKeyListSelect,
  });
  return keys.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/** Creates a key and returns it in full: the only time anyone sees it. */
export async function createApiKey(
  actor: Actor,
  input: CreateApiKeyInput,
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const key = generateApiKey();
  const apiKey = await getDb().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        tenantId: actor.tenantId,
        name: input.name,
        prefix: displayPrefix(key),
        keyHash: hashApiKey(key),
        createdById: actor.userId,
        expiresAt: input.expiresAt,
      },
      select: apiKeyListSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "api_key.create",
      targetType: "api_key",
      targetId: created.id,
      data: {
        name: created.name,
        prefix: created.prefix,
        expiresAt: created.expiresAt?.toISOString() ?? null,
      },
      ip: actor.ip,
    });
    return created;
  });
  return { key, apiKey };
}

/** Revocation takes effect on the next request: authentication reads the row every time. */
export async function revokeApiKey(actor: Actor, apiKeyId: string): Promise<ApiKeyView> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.apiKey.findFirst({
      where: { id: apiKeyId, tenantId: actor.tenantId },
      select: { id: true, revokedAt: true, name: true, prefix: true },
    });
    if (!current) throw new AppError("NOT_FOUND", "API key not found");
    if (current.revokedAt) throw new AppError("CONFLICT", "The API key is already revoked");
    const revoked = await tx.apiKey.update({
      where: { id: current.id },
      data: { revokedAt: new Date() },
      select: apiKeyListSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: current.id,
      data: { name: current.name, prefix: current.prefix },
      ip: actor.ip,
    });
    return revoked;
  });
}

export type ApiKeyPrincipal = { apiKeyId: string; tenantId: string };

export type AuthenticateResult =
  | { ok: true; principal: ApiKeyPrincipal }
  | { ok: false; reason: "unknown" | "revoked" | "expired" };

/** Looks the key up by its hash; revoked and expired keys are refused. */
export async function authenticateApiKey(
  key: string,
  now: Date = new Date(),
): Promise<AuthenticateResult> {
  if (!isPlausibleApiKey(key)) return { ok: false, reason: "unknown" };
  const row = await getDb().apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, tenantId: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime())
    return { ok: false, reason: "expired" };
  touchLastUsed(row.id, row.lastUsedAt, now);
  return { ok: true, principal: { apiKeyId: row.id, tenantId: row.tenantId } };
}

export const LAST_USED_RESOLUTION_MS = 60_000;

declare global {
  var __pultApiKeyTouched: Map<string, number> | undefined;
}

function touchedAt(): Map<string, number> {
  globalThis.__pultApiKeyTouched ??= new Map();
  return globalThis.__pultApiKeyTouched;
}

/**
 * "Last used" to the minute is enough, and a write per request would be a hot row under load:
 * at most one write per key per minute per instance, and the conditional update keeps several
 * instances from stacking writes either.
 */
function touchLastUsed(apiKeyId: string, lastUsedAt: Date | null, now: Date): void {
  const nowMs = now.getTime();
  const threshold = nowMs - LAST_USED_RESOLUTION_MS;
  const memory = touchedAt();
  if ((memory.get(apiKeyId) ?? 0) > threshold) return;
  if (lastUsedAt && lastUsedAt.getTime() > threshold) {
    memory.set(apiKeyId, lastUsedAt.getTime());
    return;
  }
  memory.set(apiKeyId, nowMs);
  getDb()
    .apiKey.updateMany({
      where: {
        id: apiKeyId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(threshold) } }],
      },
      data: { lastUsedAt: now },
    })
    .catch((error: unknown) => log.warn("could not record API key use", { apiKeyId, error }));
}

export type EnvKeyResult = { created: false } | { created: true; tenantId: string; prefix: string };

/**
 * PULT_API_KEY: automation gets a known key for the first company. Idempotent: if a key with
 * this value exists (even revoked — a revocation must stick) nothing happens.
 */
export async function ensureEnvApiKey(key: string): Promise<EnvKeyResult> {
  const keyHash = hashApiKey(key);
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      // Several instances starting at once must not race each other.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727002)`;
      const existing = await tx.apiKey.findUnique({ where: { keyHash }, select: { id: true } });
      if (existing) return { created: false } as const;
      const tenant = await tx.tenant.findFirst({
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      if (!tenant) return { created: false } as const;
      const created = await tx.apiKey.create({
        data: {
          tenantId: tenant.id,
          name: "PULT_API_KEY",
          prefix: displayPrefix(key),
          keyHash,
        },
        select: { id: true, prefix: true },
      });
      await writeAudit(tx, {
        tenantId: tenant.id,
        action: "api_key.create",
        targetType: "api_key",
        targetId: created.id,
        data: { name: "PULT_API_KEY", prefix: created.prefix, source: "env" },
      });
      return { created: true, tenantId: tenant.id, prefix: created.prefix } as const;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { created: false };
    throw error;
  }
}
