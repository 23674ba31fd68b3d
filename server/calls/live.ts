import { getDb, getPool, type Prisma } from "@/server/db";
import { queryOne } from "@/server/db/sql";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canSeeAllCalls, requireUserId } from "@/server/policy/policy";
import {
  LIVE_CALL_COLUMNS,
  liveCallFromSql,
  liveCallSelect,
  toLiveCall,
  type LiveCall,
  type LiveCallSqlRow,
} from "@/server/calls/live-call";
import { log } from "@/server/logger";
import { refreshPanel } from "@/server/calls/manager-panel";
import { getManagerStatuses } from "@/server/calls/managers";
import { invalidateStaff } from "@/server/routing/snapshot";

// Ended calls stay on the board briefly so they can fade out; calls whose end never arrived
// stop counting as live after half a day.
export const RECENTLY_ENDED_MS = 60_000;
const STALE_AFTER_MS = 12 * 3600_000;

async function numberLabels(
  tenantId: string,
  numbers: string[],
): Promise<Map<string, string | null>> {
  if (numbers.length === 0) return new Map();
  const rows = await getDb().pbxNumber.findMany({
    where: { tenantId, e164: { in: [...new Set(numbers)] } },
    select: { e164: true, label: true },
  });
  return new Map(rows.map((n) => [n.e164, n.label]));
}

export async function loadLiveCalls(
  tenantId: string,
  where: Prisma.CallWhereInput,
): Promise<LiveCall[]> {
  const rows = await getDb().call.findMany({
    where: { tenantId, ...where },
    select: liveCallSelect,
    orderBy: { startedAt: "asc" },
  });
  // Only the PBX numbers these calls involve: publishing one call must not read them all.
  const labels = await numberLabels(
    tenantId,
    rows.flatMap((row) => [row.fromNumber, row.toNumber]),
  );
  return rows.map((row) => toLiveCall(row, labels));
}

/** One call as the board shows it, for a push: one plain SQL statement (server/db/sql.ts). */
export async function loadLiveCall(tenantId: string, callId: string): Promise<LiveCall | null> {
  const row = await queryOne<LiveCallSqlRow>(
    getPool(),
    `SELECT ${LIVE_CALL_COLUMNS} FROM calls c WHERE c.id = $1::uuid AND c.tenant_id = $2::uuid`,
    [callId, tenantId],
  );
  return row ? liveCallFromSql(row) : null;
}

export async function getLiveState(user: Actor) {
  const userId = requireUserId(user);
  const now = Date.now();
  const scope: Prisma.CallWhereInput = {
    startedAt: { gte: new Date(now - STALE_AFTER_MS) },
    OR: [{ state: { not: "ENDED" } }, { endedAt: { gte: new Date(now - RECENTLY_ENDED_MS) } }],
    ...(canSeeAllCalls(user) ? {} : { managerId: user.userId }),
  };
  const [calls, managers, me] = await Promise.all([
    loadLiveCalls(user.tenantId, scope),
    getManagerStatuses(user.tenantId),
    // Admins and supervisors are not in the managers list but set their own status too.
    getDb().user.findUnique({ where: { id: userId }, select: { presence: true } }),
  ]);
  return { calls, managers, myPresence: me?.presence ?? "OFFLINE", serverTime: new Date(now) };
}

export async function setPresence(user: Actor, presence: "AVAILABLE" | "BREAK" | "OFFLINE") {
  await getDb().user.updateMany({
    where: { id: requireUserId(user), tenantId: user.tenantId },
    data: { presence, presenceChangedAt: new Date() },
  });
  // Routing must not send a call to someone who just went on a break, on any instance.
  invalidateStaff(user.tenantId);
  // Everyone's managers panel shows the new status at once.
  await refreshPanel(user.tenantId).catch((error: unknown) =>
    log.warn("could not publish manager statuses", { tenantId: user.tenantId, error }),
  );
  return { presence };
}

export async function getClientCard(user: Actor, callId: string) {
  const db = getDb();
  const [call] = await loadLiveCalls(user.tenantId, {
    id: callId,
    ...(canSeeAllCalls(user) ? {} : { managerId: user.userId }),
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  if (!call.client) return { call, client: null, recentCalls: [] };
  const [client, recentCalls] = await Promise.all([
    db.client.findFirstOrThrow({
      where: { id: call.client.id, tenantId: user.tenantId },
      select: {
        id: true,
        name: true,
        company: true,
        email: true,
        tags: true,
        isVip: true,
        notes: true,
        personalManager: { select: { id: true, name: true } },
        phones: { select: { e164: true, label: true }, orderBy: { createdAt: "asc" } },
      },
    }),
    db.call.findMany({
      where: { tenantId: user.tenantId, clientId: call.client.id, id: { not: call.id } },
      orderBy: { startedAt: "desc" },
      take: 5,
      select: {
        id: true,
        direction: true,
        startedAt: true,
        result: true,
        talkSec: true,
        manager: { select: { name: true } },
      },
    }),
  ]);
  return { call, client, recentCalls };
}
