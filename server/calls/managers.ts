import { getDb } from "../db";

export type ManagerStatus = {
  id: string;
  name: string;
  workplace: { id: string; name: string } | null;
  presence: "AVAILABLE" | "BREAK" | "OFFLINE";
  activity: "idle" | "ringing" | "talking";
  today: { answered: number; missed: number; talkSec: number };
};

/** Midnight of today in the tenant's time zone, as an instant. */
export function startOfDay(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const sinceMidnightMs =
    ((get("hour") * 60 + get("minute")) * 60 + get("second")) * 1000 + now.getMilliseconds();
  return new Date(now.getTime() - sinceMidnightMs);
}

/**
 * Today's counters, by the definitions the reports use: answered = incoming calls the manager
 * answered; missed = incoming calls that ended unanswered while attributed to them; talk time =
 * talk seconds of all their calls that ended today.
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
  const since = startOfDay(new Date(), tenant.timeZone);
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
  const [answered, missed, talk, active] = await Promise.all([
    db.call.groupBy({
      by: ["managerId"],
      where: { tenantId, managerId: { in: ids }, direction: "IN", answeredAt: { gte: since } },
      _count: true,
    }),
    db.call.groupBy({
      by: ["managerId"],
      where: {
        tenantId,
        managerId: { in: ids },
        direction: "IN",
        state: "ENDED",
        answeredAt: null,
        endedAt: { gte: since },
      },
      _count: true,
    }),
    db.call.groupBy({
      by: ["managerId"],
      where: { tenantId, managerId: { in: ids }, endedAt: { gte: since } },
      _sum: { talkSec: true },
    }),
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
  const count = (rows: Array<{ managerId: string | null; _count: number }>, id: string) =>
    rows.find((r) => r.managerId === id)?._count ?? 0;
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
      today: {
        answered: count(answered, m.id),
        missed: count(missed, m.id),
        talkSec: talk.find((r) => r.managerId === m.id)?._sum.talkSec ?? 0,
      },
    };
  });
}
