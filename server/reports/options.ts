import { localDateOf } from "@/lib/zoned-time";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { getTenantSettings } from "@/server/tenants/settings";

const pad = (n: number) => String(n).padStart(2, "0");

/** Today's date (YYYY-MM-DD) on the tenant's wall clock. */
export function localToday(timeZone: string, now = new Date()): string {
  const d = localDateOf(now, timeZone);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** What the report filters offer: the tenant's people and PBX numbers, its zone and today. */
export async function getReportFilterOptions(tenantId: string) {
  const db = getDb();
  const [tenant, managers, numbers, settings] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } }),
    db.user.findMany({
      where: { tenantId, status: { not: "DISABLED" } },
      select: { id: true, name: true, role: true },
      orderBy: { name: "asc" },
    }),
    db.pbxNumber.findMany({
      where: { tenantId, archivedAt: null },
      select: { e164: true, label: true },
      orderBy: { e164: "asc" },
    }),
    getTenantSettings(tenantId),
  ]);
  if (!tenant) throw new AppError("NOT_FOUND", "Organization not found");
  return {
    timeZone: tenant.timeZone,
    today: localToday(tenant.timeZone),
    serviceLevelSec: settings.serviceLevelSec,
    managers,
    numbers,
  };
}
