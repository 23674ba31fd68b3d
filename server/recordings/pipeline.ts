import { z } from "zod";
import { writeAudit } from "../audit/audit";
import { getDb, getPool } from "../db";
import { queryOne } from "../db/sql";
import { AppError } from "../errors";
import { getMttClient } from "../integrations/mtt-client";
import { enqueueJob } from "../jobs/queue";
import type { JobHandler } from "../jobs/worker";
import { log } from "../logger";
import type { RecordingReadyNotification } from "../mtt/types";
import { getObjectStore } from "../storage/object-store";
import { analyzeAudio, CONTENT_TYPES } from "./audio";
import {
  downloadInChunks,
  isPermanentError,
  PermanentDownloadError,
  type DownloadOptions,
} from "./download";

export const RECORDING_DOWNLOAD_QUEUE = "recordings.download";
// With the queue's backoff (5 s, 20 s, 80 s, 5 min, 21 min) this spans about half an hour.
const MAX_ATTEMPTS = 6;

export function storageKeyFor(tenantId: string, recordingId: string, index: number, ext: string) {
  return `recordings/${tenantId}/${recordingId}/${index}.${ext}`;
}

export async function enqueueRecordingDownload(tenantId: string, recordingId: string) {
  return enqueueJob({
    queue: RECORDING_DOWNLOAD_QUEUE,
    tenantId,
    payload: { recordingId },
    // While one download of this recording is queued or running, nobody starts another.
    uniqueKey: `recording-download:${recordingId}`,
    maxAttempts: MAX_ATTEMPTS,
  });
}

/**
 * Called after a `recordingReady` notification is stored (also on redelivery: if enqueueing
 * failed the first time, the PBX's retry brings us back here). Creates the Recording and its
 * files as the PBX listed them, then queues the download.
 */
export async function onRecordingReady(
  tenantId: string,
  notification: RecordingReadyNotification,
): Promise<void> {
  const { data } = notification;
  // One statement on the notification's ack path (it used to be eight Prisma round trips): the
  // call, the recording (created once per PBX id) and its files as listed. A later notification
  // may carry fresh URLs; stored files keep what we measured.
  const recording = await queryOne<{ id: string; status: string }>(
    getPool(),
    `WITH call AS (
       SELECT id FROM calls WHERE tenant_id = $1::uuid AND external_id = $2
     ), rec AS (
       INSERT INTO recordings (id, tenant_id, call_id, external_id, status, attempts, created_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, call.id, $3, 'PENDING', 0, now(), now() FROM call
       ON CONFLICT (tenant_id, external_id) DO UPDATE SET external_id = EXCLUDED.external_id
       RETURNING id, status::text AS status
     ), files AS (
       INSERT INTO recording_files (id, tenant_id, recording_id, index, source_url, format, duration_sec, size_bytes, created_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, rec.id, f.idx, f.url, f.format, f.duration, f.size, now(), now()
       FROM rec, unnest($4::int[], $5::text[], $6::text[], $7::int[], $8::bigint[])
         AS f(idx, url, format, duration, size)
       ON CONFLICT (recording_id, index) DO UPDATE
         SET source_url = EXCLUDED.source_url, updated_at = now()
     )
     SELECT id, status FROM rec`,
    [
      tenantId,
      data.callId,
      data.recordingId,
      data.files.map((_, index) => index),
      data.files.map((f) => f.url),
      data.files.map((f) => f.format),
      data.files.map((f) => Math.round(f.durationSec)),
      data.files.map((f) => String(f.sizeBytes)),
    ],
  );
  if (!recording) {
    log.warn("recordingReady for an unknown call", { tenantId, callId: data.callId });
    return;
  }
  if (recording.status === "PENDING" || recording.status === "DOWNLOADING")
    await enqueueRecordingDownload(tenantId, recording.id);
}

function describeNonAudio(buffer: Buffer): string {
  const head = buffer.subarray(0, 64).toString("utf8").trimStart().toLowerCase();
  const what = head.startsWith("<")
    ? "an HTML or XML page"
    : head.startsWith("{") || head.startsWith("[")
      ? "a JSON document"
      : buffer.length === 0
        ? "an empty file"
        : "data that is not audio";
  return `The PBX sent ${what} instead of a recording`;
}

/** Downloads, checks, measures and stores every file of one recording. */
export async function downloadRecording(
  tenantId: string,
  recordingId: string,
  options: { isFinalAttempt: boolean; download?: DownloadOptions },
): Promise<void> {
  const db = getDb();
  const recording = await db.recording.findFirst({
    where: { id: recordingId, tenantId },
    select: {
      status: true,
      files: {
        select: { id: true, index: true, sourceUrl: true, storageKey: true },
        orderBy: { index: "asc" },
      },
    },
  });
  if (!recording || recording.status === "READY" || recording.status === "DELETED") return;
  await db.recording.update({
    where: { id: recordingId },
    data: { status: "DOWNLOADING", attempts: { increment: 1 } },
  });
  const store = getObjectStore();
  try {
    const client = await getMttClient(tenantId);
    for (const file of recording.files) {
      // A retry resumes: files stored by an earlier attempt are not fetched again.
      if (file.storageKey && (await store.size(file.storageKey)) !== null) continue;
      const audio = await downloadInChunks(client, file.sourceUrl, options.download);
      const info = analyzeAudio(audio);
      if (!info) throw new PermanentDownloadError(describeNonAudio(audio));
      const key = storageKeyFor(tenantId, recordingId, file.index, info.format);
      await store.put(key, audio, CONTENT_TYPES[info.format]);
      await db.recordingFile.update({
        where: { id: file.id },
        data: {
          format: info.format,
          sizeBytes: BigInt(audio.length),
          storageKey: key,
          ...(info.durationSec !== null && { durationSec: Math.round(info.durationSec) }),
          ...(info.peaks && { peaks: info.peaks }),
        },
      });
    }
    await db.recording.update({
      where: { id: recordingId },
      data: { status: "READY", error: null },
    });
    log.info("recording stored", { tenantId, recordingId, files: recording.files.length });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isFinal = options.isFinalAttempt || isPermanentError(error);
    // Not final: back to PENDING with the reason; the queue retries with backoff.
    await db.recording.update({
      where: { id: recordingId },
      data: { status: isFinal ? "FAILED" : "PENDING", error: message.slice(0, 500) },
    });
    if (isFinal) {
      log.warn("recording download failed", { tenantId, recordingId, error: message });
      return;
    }
    throw error;
  }
}

const payloadSchema = z.object({ recordingId: z.uuid() });

export const downloadRecordingJob: JobHandler = async (job, ctx) => {
  if (!job.tenantId) throw new Error("a recording download needs a tenant");
  const { recordingId } = payloadSchema.parse(job.payload);
  await ctx.setProgress("downloading");
  await downloadRecording(job.tenantId, recordingId, {
    isFinalAttempt: job.attempts >= job.maxAttempts,
  });
};

/** Admins retry a failed download by hand (e.g. after re-authorising the PBX). */
export async function retryRecording(
  scope: { tenantId: string; actorId: string; ip: string | null },
  recordingId: string,
): Promise<{ status: "PENDING" }> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.recording.updateMany({
      where: { id: recordingId, tenantId: scope.tenantId, status: "FAILED" },
      data: { status: "PENDING", error: null },
    });
    if (count === 0) {
      const exists = await tx.recording.findFirst({
        where: { id: recordingId, tenantId: scope.tenantId },
        select: { status: true },
      });
      if (!exists) throw new AppError("NOT_FOUND", "Recording not found");
      throw new AppError("CONFLICT", "Only a failed recording can be retried");
    }
    await writeAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.actorId,
      action: "recording.retry",
      targetType: "recording",
      targetId: recordingId,
      ip: scope.ip,
    });
  });
  await enqueueRecordingDownload(scope.tenantId, recordingId);
  return { status: "PENDING" };
}
