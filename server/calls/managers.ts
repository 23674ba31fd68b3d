import { getDb } from "@/server/db";
import { countDayByManager } from "@/server/reports/queries";
import { localDateOf } from "@/lib/zoned-time";

export type ManagerStatus = {
  id: string;
  name: string;
  workplace: { id: string; name: string } | null;
  presence: "AVAILABLE" | "BREAK" | "OFFLINE";
  activity: "idle" | "ringing" | "talking";
  today: { answered: number; missed: number; talkSec: number };
};

/** What managers:updated carries for one manager: the id and the fields that changed. */
export type ManagerStatusPatch = Pick<ManagerStatus, "id"> & Partial<ManagerStatus>;

/**
 * Today's counters use the reports' definitions (server/reports/metrics.ts) and the same SQL, so
 * the board and /reports never disagree: answered = incoming calls answered, missed = incoming
 * calls that ended unanswered, talk = talk seconds of answered calls in and out — each for calls
 * that STARTED today in the tenant's time zone, attributed to the manager the call ended with.
 */
export async function getManagerStatuses(
  tenantId: string,
  managerIds?: string[],
): Promise<ManagerStatus[]> {
  const db = getDb();
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { timeZone: true },
  });
  const today = localDateOf(new Date(), tenant.timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${today.year}-${pad(today.month)}-${pad(today.day)}`;
  const managers = await db.user.findMany({
    where: {
      tenantId,
      status: "ACTIVE",
      role: "MANAGER",
      ...(managerIds ? { id: { in: managerIds } } : {}),
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      presence: true,
      workplace: { select: { id: true, name: true } },
    },
  });
  const ids = managers.map((m) => m.id);
  const [counters, active] = await Promise.all([
    countDayByManager({ tenantId, timeZone: tenant.timeZone, serviceLevelSec: 0, day }, ids),
    db.call.findMany({
      where: {
        tenantId,
        managerId: { in: ids },
        state: { not: "ENDED" },
        startedAt: { gte: new Date(Date.now() - 12 * 3600_000) },
      },
      select: { managerId: true, state: true },
    }),
  ]);
  return managers.map((m) => {
    const calls = active.filter((c) => c.managerId === m.id);
    const activity = calls.some((c) => c.state === "TALKING" || c.state === "ON_HOLD")
      ? "talking"
      : calls.some((c) => c.state === "RINGING")
        ? "ringing"
        : "idle";
    return {
      id: m.id,
      name: m.name,
      workplace: m.workplace,
      presence: m.presence,
      activity,
      today: counters.get(m.id) ?? { answered: 0, missed: 0, talkSec: 0 },
    };
  });
}
