import type { CallHistoryFilters, CallHistoryInput } from "@/lib/schemas/calls";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { periodToUtcRange, type UtcRange } from "@/server/calls/period";
import type { Actor } from "@/server/policy/actor";
import { callsOfManager, canSeeAllCalls } from "@/server/policy/policy";

export type HistoryCursor = { startedAt: Date; id: string };

// Counting stops here: an exact total of millions of rows is not worth a slow page.
export const HISTORY_COUNT_CAP = 10_000;
// A call whose end never arrived still belongs in history once it is clearly over.
const STALE_AFTER_MS = 12 * 3600_000;

export function encodeCursor(cursor: HistoryCursor): string {
  return Buffer.from(`${cursor.startedAt.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(text: string): HistoryCursor | null {
  const [at, id] = Buffer.from(text, "base64url").toString("utf8").split("|");
  const startedAt = new Date(at ?? "");
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id ?? "");
  if (Number.isNaN(startedAt.getTime()) || !id || !isUuid) return null;
  return { startedAt, id };
}

/** The Prisma filter for one page of history; pure so the rules can be unit tested. */
export function buildHistoryWhere(
  scope: Actor,
  filters: Omit<CallHistoryFilters, "period" | "from" | "to">,
  range: UtcRange,
  opts: { now: Date; cursor?: HistoryCursor | null },
): Prisma.CallWhereInput {
  const and: Prisma.CallWhereInput[] = [
    // Click-to-call legs and transfers are folded into their parent call.
    { parentCallId: null },
    {
      OR: [
        { state: "ENDED" },
        { startedAt: { lt: new Date(opts.now.getTime() - STALE_AFTER_MS) } },
      ],
    },
  ];
  // Managers see the calls of the policy's callsOfManager; supervisors and admins all.
  if (!canSeeAllCalls(scope)) and.push(callsOfManager(scope.userId));
  if (range.from || range.to) {
    and.push({
      startedAt: {
        ...(range.from ? { gte: range.from } : {}),
        ...(range.to ? { lt: range.to } : {}),
      },
    });
  }
  if (filters.callDirection) and.push({ direction: filters.callDirection });
  if (filters.result) and.push({ result: filters.result });
  if (filters.managerId) and.push({ managerId: filters.managerId });
  if (filters.clientId) and.push({ clientId: filters.clientId });
  if (filters.number) {
    // Our number is the callee of incoming calls and the caller of outgoing ones.
    and.push({
      OR: [
        { direction: { not: "OUT" }, toNumber: filters.number },
        { direction: "OUT", fromNumber: filters.number },
      ],
    });
  }
  if (filters.client) {
    const text = { contains: filters.client, mode: "insensitive" } as const;
    and.push({ client: { OR: [{ name: text }, { company: text }] } });
  }
  const digits = filters.q?.replace(/\D/g, "");
  if (digits) {
    and.push({ OR: [{ fromNumber: { contains: digits } }, { toNumber: { contains: digits } }] });
  }
  if (opts.cursor) {
    const { startedAt, id } = opts.cursor;
    and.push({ OR: [{ startedAt: { lt: startedAt } }, { startedAt, id: { lt: id } }] });
  }
  return { tenantId: scope.tenantId, AND: and };
}

export const historyCallSelect = {
  id: true,
  direction: true,
  fromNumber: true,
  toNumber: true,
  state: true,
  result: true,
  startedAt: true,
  answeredAt: true,
  endedAt: true,
  talkSec: true,
  hasRecording: true,
  isClickToCall: true,
  client: { select: { id: true, name: true, company: true, isVip: true } },
  manager: { select: { id: true, name: true } },
  workplace: { select: { id: true, name: true } },
} satisfies Prisma.CallSelect;

type HistoryRow = Prisma.CallGetPayload<{ select: typeof historyCallSelect }>;

/** Seconds the caller waited: until answered, or until the call ended unanswered. */
export function waitSeconds(call: {
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
}): number | null {
  const until = call.answeredAt ?? call.endedAt;
  if (!until) return null;
  return Math.max(0, Math.round((until.getTime() - call.startedAt.getTime()) / 1000));
}

/** Our PBX number involved in the call. */
export function companyNumberOf(call: { direction: string; fromNumber: string; toNumber: string }) {
  return call.direction === "OUT" ? call.fromNumber : call.toNumber;
}

export async function pbxNumberLabels(
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

function toHistoryCall(row: HistoryRow, labels: Map<string, string | null>) {
  return {
    ...row,
    numberLabel: labels.get(companyNumberOf(row)) ?? null,
    waitSec: waitSeconds(row),
  };
}
export type HistoryCall = ReturnType<typeof toHistoryCall>;

export type HistoryPage = {
  calls: HistoryCall[];
  nextCursor: string | null;
  /** Only on the first page; capped at HISTORY_COUNT_CAP. */
  total: number | null;
  isTotalCapped: boolean;
  /** The company's zone: periods are its calendar days, times are shown in it. */
  timeZone: string;
};

async function tenantTimeZone(tenantId: string): Promise<string> {
  const tenant = await getDb().tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { timeZone: true },
  });
  return tenant.timeZone;
}

export async function listCallHistory(
  scope: Actor,
  input: CallHistoryInput,
  now = new Date(),
): Promise<HistoryPage> {
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError("VALIDATION", "Invalid page cursor");
  const timeZone = await tenantTimeZone(scope.tenantId);
  const range = periodToUtcRange(input, timeZone, now);
  const where = buildHistoryWhere(scope, input, range, { now, cursor });
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.call.findMany({
      where,
      select: historyCallSelect,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
    }),
    cursor
      ? Promise.resolve(null)
      : db.call.count({
          where: buildHistoryWhere(scope, input, range, { now }),
          take: HISTORY_COUNT_CAP + 1,
        }),
  ]);
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const labels = await pbxNumberLabels(scope.tenantId, page.map(companyNumberOf));
  return {
    calls: page.map((row) => toHistoryCall(row, labels)),
    nextCursor: hasMore && last ? encodeCursor(last) : null,
    total: total === null ? null : Math.min(total, HISTORY_COUNT_CAP),
    isTotalCapped: total !== null && total > HISTORY_COUNT_CAP,
    timeZone,
  };
}

/** Choices for the filter form: the tenant's time zone, people and PBX numbers. */
export async function getHistoryFilterOptions(scope: Actor) {
  const db = getDb();
  const [timeZone, managers, numbers] = await Promise.all([
    tenantTimeZone(scope.tenantId),
    db.user.findMany({
      where: { tenantId: scope.tenantId, status: { not: "INVITED" } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.pbxNumber.findMany({
      where: { tenantId: scope.tenantId, archivedAt: null },
      select: { e164: true, label: true },
      orderBy: { e164: "asc" },
    }),
  ]);
  return { timeZone, managers, numbers };
}
