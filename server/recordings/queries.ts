import { z } from "zod";
import type { RecordingListInput } from "@/lib/schemas/recordings";
import { RECORDING_AUDIT_ACTIONS } from "@/lib/schemas/recordings";
import { getDb, type Prisma } from "@/server/db";
import { requireOwnCursor } from "@/server/db/page-cursor";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import {
  canRetryRecordings,
  canSeeAllCalls,
  visibleCalls,
  visibleRecordings,
} from "@/server/policy/policy";
import { addDays, parseLocalDate, startOfLocalDay } from "@/lib/zoned-time";

const peaksSchema = z.array(z.number().min(0).max(1));

const recordingViewSelect = {
  id: true,
  status: true,
  error: true,
  deletedAt: true,
  deletedReason: true,
  createdAt: true,
  call: {
    select: {
      id: true,
      startedAt: true,
      direction: true,
      fromNumber: true,
      toNumber: true,
      talkSec: true,
      manager: { select: { id: true, name: true } },
      client: { select: { id: true, name: true } },
    },
  },
  files: {
    select: {
      index: true,
      format: true,
      durationSec: true,
      sizeBytes: true,
      storageKey: true,
      peaks: true,
    },
    orderBy: { index: "asc" },
  },
} satisfies Prisma.RecordingSelect;

// The list never draws waveforms: leave the (large) peaks out of its rows.
const recordingListSelect = {
  ...recordingViewSelect,
  files: {
    ...recordingViewSelect.files,
    select: { ...recordingViewSelect.files.select, peaks: false },
  },
} satisfies Prisma.RecordingSelect;

type RecordingRow = Omit<
  Prisma.RecordingGetPayload<{ select: typeof recordingViewSelect }>,
  "files"
> & {
  files: Array<
    Omit<
      Prisma.RecordingGetPayload<{ select: typeof recordingViewSelect }>["files"][number],
      "peaks"
    > & { peaks?: Prisma.JsonValue }
  >;
};

export function recordingFileUrl(recordingId: string, index: number): string {
  return `/api/recordings/${recordingId}?file=${index}`;
}

function toView(row: RecordingRow, viewer: Actor, withPeaks: boolean) {
  const files = row.files.map((file) => {
    const peaks = withPeaks ? peaksSchema.safeParse(file.peaks) : null;
    return {
      index: file.index,
      format: file.format,
      durationSec: file.durationSec,
      sizeBytes: file.sizeBytes === null ? null : Number(file.sizeBytes),
      isStored: file.storageKey !== null,
      peaks: peaks?.success ? peaks.data : null,
      url: recordingFileUrl(row.id, file.index),
    };
  });
  const listed = files.map((f) => f.durationSec);
  const durationSec = listed.every((d) => d !== null)
    ? listed.reduce<number>((sum, d) => sum + (d ?? 0), 0)
    : row.call.talkSec;
  return {
    id: row.id,
    status: row.status,
    error: row.error,
    deletedAt: row.deletedAt,
    deletedReason: row.deletedReason,
    createdAt: row.createdAt,
    durationSec,
    format: files[0]?.format ?? null,
    call: row.call,
    files,
    canRetry: canRetryRecordings(viewer) && row.status === "FAILED",
  };
}

export type RecordingView = ReturnType<typeof toView>;

async function tenantTimeZone(tenantId: string): Promise<string> {
  const tenant = await getDb().tenant.findUnique({
    where: { id: tenantId },
    select: { timeZone: true },
  });
  return tenant?.timeZone ?? "UTC";
}

/** The instant a validated local date ("YYYY-MM-DD", schema-checked) starts, or the day after. */
function dayStart(text: string, timeZone: string, plusDays = 0): Date {
  const date = parseLocalDate(text);
  if (!date) throw new AppError("VALIDATION", "Invalid date");
  return startOfLocalDay(addDays(date, plusDays), timeZone);
}

/** Filters on the call's talk analytics (server/talk-analytics): only analysed calls match. */
function talkWhere(tenantId: string, input: RecordingListInput): Prisma.CallWhereInput[] {
  const where: Prisma.CallTalkStatsWhereInput[] = [];
  if (input.minSilenceSec !== undefined)
    where.push({ longestSilenceSec: { gte: input.minSilenceSec } });
  if (input.minManagerShare !== undefined)
    where.push({ talkRatio: { gte: input.minManagerShare / 100 } });
  if (input.maxManagerShare !== undefined)
    where.push({ talkRatio: { lte: input.maxManagerShare / 100 } });
  if (where.length === 0) return [];
  return [{ talkStats: { is: { tenantId, status: "READY", AND: where } } }];
}

/** The Recordings page: newest first, filtered, scoped to what the viewer may hear. */
export async function listRecordings(viewer: Actor, input: RecordingListInput) {
  const timeZone = await tenantTimeZone(viewer.tenantId);
  const callWhere: Prisma.CallWhereInput[] = [];
  if (input.from) callWhere.push({ startedAt: { gte: dayStart(input.from, timeZone) } });
  if (input.to) callWhere.push({ startedAt: { lt: dayStart(input.to, timeZone, 1) } });
  if (input.managerId) callWhere.push({ managerId: input.managerId });
  if (input.clientId) callWhere.push({ clientId: input.clientId });
  if (input.client) {
    const text = { contains: input.client, mode: "insensitive" as const };
    callWhere.push({ client: { OR: [{ name: text }, { company: text }] } });
  }
  if (input.number) {
    const digits = input.number.replace(/\D/g, "");
    callWhere.push({
      OR: [{ fromNumber: { contains: digits } }, { toNumber: { contains: digits } }],
    });
  }
  // The recording lasts as long as the talk; talkSec is known even before the download.
  if (input.minDurationSec !== undefined)
    callWhere.push({ talkSec: { gte: input.minDurationSec } });
  if (input.maxDurationSec !== undefined)
    callWhere.push({ talkSec: { lte: input.maxDurationSec } });
  callWhere.push(...talkWhere(viewer.tenantId, input));
  const where: Prisma.RecordingWhereInput = {
    AND: [visibleRecordings(viewer), ...callWhere.map((call) => ({ call }))],
  };
  if (input.cursor)
    await requireOwnCursor(
      getDb().recording.count({ where: { id: input.cursor, tenantId: viewer.tenantId } }),
    );
  const rows = await getDb().recording.findMany({
    where,
    select: recordingListSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => toView(row, viewer, false)),
    nextCursor: rows.length > input.limit ? page.at(-1)?.id : undefined,
  };
}

/** One recording with its waveform, for the player. */
export async function getRecording(viewer: Actor, recordingId: string) {
  const row = await getDb().recording.findFirst({
    where: { id: recordingId, tenantId: viewer.tenantId },
    select: recordingViewSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "Recording not found");
  const visible = await getDb().recording.count({
    where: { AND: [{ id: recordingId }, visibleRecordings(viewer)] },
  });
  if (visible === 0)
    throw new AppError(
      "FORBIDDEN",
      "You can only listen to your own calls and your clients' calls",
    );
  return toView(row, viewer, true);
}

/** Every recording of a call (usually one), for the call detail and the client card. */
export async function listCallRecordings(viewer: Actor, callId: string) {
  const call = await getDb().call.findFirst({
    where: { id: callId, tenantId: viewer.tenantId },
    select: { id: true },
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  const visible = await getDb().call.count({
    where: { AND: [{ id: callId }, visibleCalls(viewer)] },
  });
  if (visible === 0)
    throw new AppError(
      "FORBIDDEN",
      "You can only listen to your own calls and your clients' calls",
    );
  const rows = await getDb().recording.findMany({
    where: { tenantId: viewer.tenantId, callId },
    select: recordingViewSelect,
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => toView(row, viewer, true));
}

/** For the public API's /api/v1/calls: a call's recordings, without waveforms. */
export async function listCallRecordingsForTenant(tenantId: string, callIds: string[]) {
  const rows = await getDb().recording.findMany({
    where: { tenantId, callId: { in: callIds } },
    select: {
      id: true,
      callId: true,
      status: true,
      files: { select: { index: true, format: true, durationSec: true, sizeBytes: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => {
    const durations = row.files.map((f) => f.durationSec);
    return {
      id: row.id,
      callId: row.callId,
      status: row.status,
      durationSec: durations.every((d) => d !== null)
        ? durations.reduce<number>((s, d) => s + (d ?? 0), 0)
        : null,
      format: row.files[0]?.format ?? null,
      files: row.files
        .sort((a, b) => a.index - b.index)
        .map((f) => ({
          index: f.index,
          format: f.format,
          durationSec: f.durationSec,
          sizeBytes: f.sizeBytes === null ? null : Number(f.sizeBytes),
        })),
    };
  });
}

/** Admin view: who played or downloaded which recording, newest first. */
export async function listRecordingAudit(
  tenantId: string,
  input: { cursor?: string; limit: number },
) {
  const db = getDb();
  if (input.cursor)
    await requireOwnCursor(db.auditLog.count({ where: { id: input.cursor, tenantId } }));
  const rows = await db.auditLog.findMany({
    where: { tenantId, action: { in: [...RECORDING_AUDIT_ACTIONS] } },
    select: {
      id: true,
      action: true,
      targetId: true,
      ip: true,
      createdAt: true,
      actorUser: { select: { id: true, name: true, email: true } },
      actorApiKey: { select: { id: true, name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  const ids = [...new Set(page.map((r) => r.targetId).filter((id): id is string => !!id))];
  const recordings = await db.recording.findMany({
    where: { tenantId, id: { in: ids } },
    select: {
      id: true,
      call: {
        select: {
          id: true,
          startedAt: true,
          fromNumber: true,
          toNumber: true,
          direction: true,
          client: { select: { name: true } },
        },
      },
    },
  });
  const byId = new Map(recordings.map((r) => [r.id, r.call]));
  return {
    items: page.map((row) => ({
      id: row.id,
      action: row.action,
      createdAt: row.createdAt,
      ip: row.ip,
      actor: row.actorUser
        ? { kind: "user" as const, name: row.actorUser.name, email: row.actorUser.email }
        : row.actorApiKey
          ? { kind: "apiKey" as const, name: row.actorApiKey.name, email: null }
          : null,
      recordingId: row.targetId,
      call: row.targetId ? (byId.get(row.targetId) ?? null) : null,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)?.id : undefined,
  };
}

/** People a supervisor can filter recordings by. */
export async function listRecordingManagers(viewer: Actor) {
  if (!canSeeAllCalls(viewer)) return [];
  return getDb().user.findMany({
    where: { tenantId: viewer.tenantId, status: { not: "INVITED" } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
