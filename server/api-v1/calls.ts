import type { z } from "zod";
import { explanationSteps } from "@/server/calls/detail";
import { decodeCursor, encodeCursor } from "@/server/calls/history";
import { getDb, type Prisma } from "@/server/db";
import { ApiError } from "@/server/api-v1/errors";
import type { callsQuery, callsResponse } from "@/server/api-v1/schemas";

type CallsQuery = z.output<typeof callsQuery>;
type ApiCall = z.input<typeof callsResponse>["calls"][number];

const callSelect = {
  id: true,
  externalId: true,
  direction: true,
  fromNumber: true,
  toNumber: true,
  startedAt: true,
  answeredAt: true,
  endedAt: true,
  result: true,
  talkSec: true,
  clientId: true,
  manager: { select: { email: true } },
  routingDecision: {
    select: {
      outcome: true,
      targetNumber: true,
      explanation: true,
      ruleId: true,
      targetWorkplace: { select: { externalId: true } },
    },
  },
  recordings: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      files: { orderBy: { index: "asc" }, select: { format: true, durationSec: true } },
    },
  },
} satisfies Prisma.CallSelect;

type CallRow = Prisma.CallGetPayload<{ select: typeof callSelect }>;
type ApiRouting = NonNullable<ApiCall["routing"]>;
type ApiRecording = ApiCall["recordings"][number];

const directions: Record<CallRow["direction"], ApiCall["direction"]> = {
  IN: "in",
  OUT: "out",
  INTERNAL: "internal",
};
const results: Record<NonNullable<CallRow["result"]>, NonNullable<ApiCall["result"]>> = {
  ANSWERED: "answered",
  MISSED: "missed",
  BUSY: "busy",
  FAILED: "failed",
};
const outcomes: Record<NonNullable<CallRow["routingDecision"]>["outcome"], ApiRouting["outcome"]> =
  {
    TRANSFER_WORKPLACE: "transfer_workplace",
    TRANSFER_NUMBER: "transfer_number",
    RELEASE: "release",
    TIMEOUT: "timeout",
    ERROR: "error",
  };
const recordingStatuses: Record<CallRow["recordings"][number]["status"], ApiRecording["status"]> = {
  PENDING: "pending",
  DOWNLOADING: "downloading",
  READY: "ready",
  FAILED: "failed",
  DELETED: "deleted",
};

function recordingDuration(files: Array<{ durationSec: number | null }>): number | null {
  if (files.length === 0 || files.some((f) => f.durationSec === null)) return null;
  return files.reduce((sum, f) => sum + (f.durationSec ?? 0), 0);
}

export function toApiCall(row: CallRow): ApiCall {
  const decision = row.routingDecision;
  return {
    id: row.id,
    callId: row.externalId,
    direction: directions[row.direction],
    from: row.fromNumber,
    to: row.toNumber,
    startedAt: row.startedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    result: row.result ? results[row.result] : null,
    talkSec: row.talkSec,
    managerEmail: row.manager?.email ?? null,
    clientId: row.clientId,
    routing: decision
      ? {
          outcome: outcomes[decision.outcome],
          target: decision.targetWorkplace?.externalId ?? decision.targetNumber ?? null,
          explanation: explanationSteps(decision.explanation),
          ruleId: decision.ruleId,
        }
      : null,
    recordings: row.recordings.map((r) => ({
      id: r.id,
      status: recordingStatuses[r.status],
      durationSec: recordingDuration(r.files),
      format: r.files[0]?.format ?? null,
      url: `/api/v1/recordings/${r.id}`,
    })),
  };
}

/**
 * Calls of the key's company that started in [since, until), oldest first, by (startedAt, id)
 * so a page boundary never skips or repeats a call. Transfer and click-to-call legs are folded
 * into their parent call, as in the console's history.
 */
export async function listApiCalls(
  tenantId: string,
  query: CallsQuery,
): Promise<z.input<typeof callsResponse>> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after) {
    throw new ApiError("VALIDATION", "The cursor is not valid", {
      fields: { cursor: ["invalid_cursor"] },
    });
  }
  const where: Prisma.CallWhereInput = {
    tenantId,
    parentCallId: null,
    startedAt: {
      gte: new Date(query.since),
      ...(query.until ? { lt: new Date(query.until) } : {}),
    },
    ...(after
      ? {
          OR: [
            { startedAt: { gt: after.startedAt } },
            { startedAt: after.startedAt, id: { gt: after.id } },
          ],
        }
      : {}),
  };
  const rows = await getDb().call.findMany({
    where,
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    select: callSelect,
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    calls: page.map(toApiCall),
    nextCursor: hasMore && last ? encodeCursor({ startedAt: last.startedAt, id: last.id }) : null,
  };
}
