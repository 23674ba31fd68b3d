import {
  tenantSettingsSchema,
  type TenantSettings,
  type UpdateTenantInput,
} from "@/lib/schemas/tenant";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import { enqueueRollupBuild } from "@/server/reports/rollup-queue";
import type { Actor } from "@/server/policy/actor";

export type { TenantSettings };

/**
 * Reads Tenant.settings with defaults filled in. A stored value that no longer validates (an
 * older version's shape, a hand edit) falls back to the defaults key by key instead of failing
 * every caller.
 */
export function parseTenantSettings(raw: Prisma.JsonValue | null | undefined): TenantSettings {
  const input = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  const parsed = tenantSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fallback = tenantSettingsSchema.parse({});
  const merged: Record<string, unknown> = { ...fallback };
  for (const key of Object.keys(fallback) as Array<keyof TenantSettings>) {
    const one = tenantSettingsSchema.shape[key].safeParse((input as Record<string, unknown>)[key]);
    if (one.success) merged[key] = one.data;
  }
  log.warn("tenant settings partly invalid; defaults used for the invalid keys", {
    issues: parsed.error.issues.map((i) => i.path.join(".")),
  });
  return tenantSettingsSchema.parse(merged);
}

type SettingsReader = Pick<Prisma.TransactionClient, "tenant">;

export async function getTenantSettings(
  tenantId: string,
  db: SettingsReader = getDb(),
): Promise<TenantSettings> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { settings: true },
  });
  if (!tenant) throw new AppError("NOT_FOUND", "Organization not found");
  return parseTenantSettings(tenant.settings);
}

export async function getTenantView(tenantId: string) {
  const db = getDb();
  const [tenant, owners] = await Promise.all([
    db.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, name: true, timeZone: true, settings: true },
    }),
    db.user.findMany({
      where: { tenantId, status: { not: "DISABLED" } },
      select: { id: true, name: true, email: true, role: true },
      orderBy: { name: "asc" },
    }),
  ]);
  if (!tenant) throw new AppError("NOT_FOUND", "Organization not found");
  return {
    name: tenant.name,
    timeZone: tenant.timeZone,
    settings: parseTenantSettings(tenant.settings),
    owners,
  };
}

export async function updateTenant(scope: Actor, input: UpdateTenantInput) {
  const db = getDb();
  const saved = await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findUnique({
      where: { id: scope.tenantId },
      select: { name: true, timeZone: true, settings: true },
    });
    if (!tenant) throw new AppError("NOT_FOUND", "Organization not found");
    if (input.defaultOwnerId) {
      const owner = await tx.user.findFirst({
        where: { id: input.defaultOwnerId, tenantId: scope.tenantId, status: { not: "DISABLED" } },
        select: { id: true },
      });
      if (!owner) {
        throw new AppError(
          "VALIDATION",
          "The default owner must be an active user of this organization",
        );
      }
    }
    const before = parseTenantSettings(tenant.settings);
    const settings: TenantSettings = {
      ...before,
      autoCreateClients: input.autoCreateClients,
      serviceLevelSec: input.serviceLevelSec,
      recordingRetentionDays: input.recordingRetentionDays,
      defaultOwnerId: input.defaultOwnerId,
    };
    await tx.tenant.update({
      where: { id: scope.tenantId },
      data: { name: input.name, timeZone: input.timeZone, settings },
    });
    // The audit entry records only what this save changed, as { key: [before, after] }.
    const previous: Record<string, unknown> = {
      name: tenant.name,
      timeZone: tenant.timeZone,
      ...before,
    };
    const next: Record<string, unknown> = {
      name: input.name,
      timeZone: input.timeZone,
      ...settings,
    };
    const changed: Record<string, [unknown, unknown]> = {};
    for (const [key, value] of Object.entries(next)) {
      if (previous[key] !== value) changed[key] = [previous[key] ?? null, value ?? null];
    }
    await writeAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: "tenant.update",
      targetType: "tenant",
      targetId: scope.tenantId,
      data: changed as Prisma.InputJsonObject,
      ip: scope.ip,
    });
    const result = { name: input.name, timeZone: input.timeZone, settings };
    return { result, isZoneChanged: tenant.timeZone !== input.timeZone };
  });
  // Every stored report day moved with the zone: rebuild them now, not in the first report.
  if (saved.isZoneChanged) {
    await enqueueRollupBuild(scope.tenantId).catch((error: unknown) =>
      log.warn("could not queue the report rollup build", { tenantId: scope.tenantId, error }),
    );
  }
  return saved.result;
}
