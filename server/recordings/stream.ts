import type { RecordingAuditAction } from "@/lib/schemas/recordings";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import type { UserRouteHandler } from "@/server/http/user-route";
import { log } from "@/server/logger";
import { getObjectStore } from "@/server/storage/object-store";
import { authorizeRecording, type StreamableRecording } from "@/server/recordings/access";
import { CONTENT_TYPES, type AudioFormat } from "@/server/recordings/audio";
import { buildRecordingFilename, contentDisposition } from "@/server/recordings/filename";
import { parseRangeHeader } from "@/server/recordings/http-range";

// A player fetches many Range chunks per listen; one audit row per person and recording per
// this window is the honest "who listened when".
export const AUDIT_DEDUPE_MS = 5 * 60 * 1000;

export type StreamRequest = {
  method: string;
  url: string;
  headers: Headers;
};

function contentTypeFor(format: string): string {
  return CONTENT_TYPES[format as AudioFormat] ?? "application/octet-stream";
}

/** One audit row per actor+recording+action within the window; concurrent chunks are serialised. */
export async function auditRecordingAccess(input: {
  tenantId: string;
  recordingId: string;
  action: RecordingAuditAction;
  actor: Actor;
  data: Prisma.InputJsonValue;
  now?: Date;
}): Promise<boolean> {
  const { tenantId, recordingId, action, actor } = input;
  const now = input.now ?? new Date();
  const who = actor.userId ?? actor.apiKeyId ?? "anonymous";
  return getDb().$transaction(async (tx) => {
    const lockKey = `audit:${who}:${recordingId}:${action}`;
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${lockKey}))) AS l`;
    const recent = await tx.auditLog.findFirst({
      where: {
        tenantId,
        action,
        targetType: "recording",
        targetId: recordingId,
        actorUserId: actor.userId ?? null,
        actorApiKeyId: actor.apiKeyId ?? null,
        createdAt: { gte: new Date(now.getTime() - AUDIT_DEDUPE_MS) },
      },
      select: { id: true },
    });
    if (recent) return false;
    await tx.auditLog.create({
      data: {
        tenantId,
        actorUserId: actor.userId ?? null,
        actorApiKeyId: actor.apiKeyId ?? null,
        action,
        targetType: "recording",
        targetId: recordingId,
        data: input.data,
        ip: actor.ip,
        createdAt: now,
      },
    });
    return true;
  });
}

async function respondWithFile(
  recording: StreamableRecording,
  request: StreamRequest,
  actor: Actor,
): Promise<Response> {
  const url = new URL(request.url);
  const fileParam = url.searchParams.get("file") ?? "0";
  const index = /^\d{1,3}$/.test(fileParam) ? Number(fileParam) : -1;
  const file = recording.files.find((f) => f.index === index);
  if (!file) throw new AppError("NOT_FOUND", "No such file in this recording");
  if (recording.status === "DELETED") {
    const message = "The audio was deleted by the retention policy";
    throw new AppError("GONE", message, { reason: "DELETED" });
  }
  if (!file.storageKey || file.sizeBytes === null || recording.status !== "READY") {
    const message = "The recording has not been downloaded yet";
    throw new AppError("CONFLICT", message, { reason: "NOT_READY" });
  }
  const size = Number(file.sizeBytes);
  const isDownload = url.searchParams.get("download") === "1";
  const filename = buildRecordingFilename({
    startedAt: recording.call.startedAt,
    timeZone: recording.call.tenant.timeZone,
    client: recording.call.client?.name ?? null,
    manager: recording.call.manager?.name ?? null,
    format: file.format,
    part: recording.files.length > 1 ? index + 1 : undefined,
  });
  const headers = new Headers({
    "Content-Type": contentTypeFor(file.format),
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-cache",
    ETag: `"${recording.id}-${index}-${size}"`,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(filename, isDownload ? "attachment" : "inline"),
  });
  const range = parseRangeHeader(request.headers.get("range"), size);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const slice = range.kind === "partial" ? range.range : { start: 0, end: size - 1 };
  headers.set("Content-Length", String(size === 0 ? 0 : slice.end - slice.start + 1));
  if (range.kind === "partial")
    headers.set("Content-Range", `bytes ${slice.start}-${slice.end}/${size}`);
  const status = range.kind === "partial" ? 206 : 200;
  if (request.method === "HEAD") return new Response(null, { status, headers });
  const body = size === 0 ? null : await getObjectStore().get(file.storageKey, slice);
  if (size > 0 && !body) {
    log.error("recording file missing from storage", { recordingId: recording.id, index });
    throw new AppError("NOT_FOUND", "The audio file is missing from storage");
  }
  await auditRecordingAccess({
    tenantId: recording.tenantId,
    recordingId: recording.id,
    action: isDownload ? "recording.download" : "recording.play",
    actor,
    data: { callId: recording.call.id, file: index },
  });
  return new Response(body, { status, headers });
}

/**
 * GET/HEAD /api/recordings/<id>?file=<n>[&download=1] (a signed-in user) and
 * /api/v1/recordings/<id> (an API key, which hears every recording of its company): the actor's
 * visibility, Range and the audit row. A recording of another company is 404.
 */
export async function streamRecording(
  actor: Actor,
  recordingId: string,
  request: StreamRequest,
): Promise<Response> {
  const recording = await authorizeRecording(actor, recordingId);
  return respondWithFile(recording, request, actor);
}

/** The route handler's body, wrapped by userRoute in app/api/recordings/[id]/route.ts. */
export const recordingRouteHandler: UserRouteHandler<{ id: string }> = (actor, request, { id }) =>
  streamRecording(actor, id, request);
