import { z } from "zod";
import { webhookFactsStatement } from "@/server/webhooks/emit";
import type { Actor } from "@/server/policy/actor";
import { writeAudit } from "@/server/audit/audit";
import { getDb, getPool } from "@/server/db";
import { queryOne, sendStatements, type Statement } from "@/server/db/sql";
import { whenLivePathQuiet } from "@/server/calls/live-pressure";
import { AppError } from "@/server/errors";
import { getMttClient } from "@/server/integrations/mtt-client";
import { enqueueJob, type EnqueueOptions } from "@/server/jobs/queue";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import type { RecordingReadyNotification } from "@/server/mtt/types";
import { getObjectStore } from "@/server/storage/object-store";
import { analyzeAudio, CONTENT_TYPES } from "@/server/recordings/audio";
import { talkAnalysisStatements } from "@/server/talk-analytics/job";
import { transcriptStatements } from "@/server/transcripts/job";
import {
  downloadInChunks,
  isPermanentError,
  PermanentDownloadError,
  type DownloadOptions,
} from "@/server/recordings/download";

export const RECORDING_DOWNLOAD_QUEUE = "recordings.download";
// With the queue's backoff (5 s, 20 s, 80 s, 5 min, 21 min) this spans about half an hour.
const MAX_ATTEMPTS = 6;

export function storageKeyFor(tenantId: string, recordingId: string, index: number, ext: string) {
  return `recordings/${tenantId}/${recordingId}/${index}.${ext}`;
}

const downloadJob = (tenantId: string, recordingId: string): EnqueueOptions => ({
  queue: RECORDING_DOWNLOAD_QUEUE,
  tenantId,
  payload: { recordingId },
  // While one download of this recording is queued or running, nobody starts another.
  uniqueKey: `recording-download:${recordingId}`,
  maxAttempts: MAX_ATTEMPTS,
});

export async function enqueueRecordingDownload(tenantId: string, recordingId: string) {
  return enqueueJob(downloadJob(tenantId, recordingId));
}

/**
 * The `recordingReady` notifications the fold is writing into their calls
 * (server/calls/fold-batch.ts), as one statement inside the fold's transaction: each Recording
 * (created once per PBX id) and its files as the PBX listed them; they commit with the events'
 * processed marks or not at all. Its rows go to downloadJobsOf. A later notification may carry
 * fresh URLs; stored files keep what was measured.
 */
export function recordingsReadyStatement(
  ready: Array<{ tenantId: string; notification: RecordingReadyNotification }>,
): Statement | null {
  // One row per recording: a statement may not upsert the same row twice.
  const unique = [
    ...new Map(
      ready.map((r) => [`${r.tenantId}\u0000${r.notification.data.recordingId}`, r]),
    ).values(),
  ];
  if (unique.length === 0) return null;
  const files = unique.flatMap((r, n) =>
    r.notification.data.files.map((f, index) => ({ n, index, ...f })),
  );
  return {
    text: `WITH r AS (
       SELECT * FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[])
         AS r(n, tenant_id, call_external_id, external_id)
     ), rec AS (
       INSERT INTO recordings AS x (id, tenant_id, call_id, external_id, status, attempts, created_at, updated_at)
       SELECT gen_random_uuid(), r.tenant_id, c.id, r.external_id, 'PENDING', 0, now(), now()
       FROM r JOIN calls c ON c.tenant_id = r.tenant_id AND c.external_id = r.call_external_id
       ON CONFLICT (tenant_id, external_id) DO UPDATE SET external_id = EXCLUDED.external_id
       RETURNING x.id, x.tenant_id, x.external_id, x.status::text AS status
     ), files AS (
       INSERT INTO recording_files (id, tenant_id, recording_id, index, source_url, format, duration_sec, size_bytes, created_at, updated_at)
       SELECT gen_random_uuid(), rec.tenant_id, rec.id, f.idx, f.url, f.format, f.duration, f.size, now(), now()
       FROM unnest($5::int[], $6::int[], $7::text[], $8::text[], $9::int[], $10::bigint[])
         AS f(n, idx, url, format, duration, size)
       JOIN r ON r.n = f.n
       JOIN rec ON rec.tenant_id = r.tenant_id AND rec.external_id = r.external_id
       ON CONFLICT (recording_id, index) DO UPDATE
         SET source_url = EXCLUDED.source_url, updated_at = now()
     )
     SELECT rec.id, rec.tenant_id AS "tenantId", rec.status FROM rec`,
    values: [
      unique.map((_, n) => n),
      unique.map((r) => r.tenantId),
      unique.map((r) => r.notification.data.callId),
      unique.map((r) => r.notification.data.recordingId),
      files.map((f) => f.n),
      files.map((f) => f.index),
      files.map((f) => f.url),
      files.map((f) => f.format),
      files.map((f) => Math.round(f.durationSec)),
      files.map((f) => String(f.sizeBytes)),
    ],
  };
}

/** The download jobs the recordingsReadyStatement's rows call for (not downloaded yet). */
export function downloadJobsOf(
  rows: Array<{ id: string; tenantId: string; status: string }>,
): EnqueueOptions[] {
  return rows
    .filter((r) => r.status === "PENDING" || r.status === "DOWNLOADING")
    .map((r) => downloadJob(r.tenantId, r.id));
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

type FileRow = { id: string; index: number; source_url: string; storage_key: string | null };

/**
 * Downloads, checks, measures and stores every file of one recording. Plain SQL (no Prisma's
 * per-query cost) and low priority: each file waits while the live path has a backlog
 * (server/calls/live-path.ts), so downloads use the time between notifications.
 */
export async function downloadRecording(
  tenantId: string,
  recordingId: string,
  options: { isFinalAttempt: boolean; download?: DownloadOptions },
): Promise<void> {
  const pool = getPool();
  const started = await queryOne<{ status: string; files: FileRow[] }>(
    pool,
    `UPDATE recordings r SET status = 'DOWNLOADING', attempts = attempts + 1, updated_at = now()
     WHERE r.id = $1::uuid AND r.tenant_id = $2::uuid AND r.status NOT IN ('READY', 'DELETED')
     RETURNING r.status::text AS status,
       (SELECT coalesce(json_agg(json_build_object('id', f.id, 'index', f.index,
          'source_url', f.source_url, 'storage_key', f.storage_key) ORDER BY f.index), '[]')
        FROM recording_files f WHERE f.recording_id = r.id) AS files`,
    [recordingId, tenantId],
  );
  if (!started) return;
  const store = getObjectStore();
  // Each file's row is written with the next one's download, the last with the outcome: one
  // round trip per file (each is a socket write, the live path's dearest cost).
  const pending: Statement[] = [];
  try {
    const client = await getMttClient(tenantId);
    for (const file of started.files) {
      // A retry resumes: files stored by an earlier attempt are not fetched again.
      if (file.storage_key && (await store.size(file.storage_key)) !== null) continue;
      await whenLivePathQuiet();
      const audio = await downloadInChunks(client, file.source_url, options.download);
      const info = analyzeAudio(audio);
      if (!info) throw new PermanentDownloadError(describeNonAudio(audio));
      const key = storageKeyFor(tenantId, recordingId, file.index, info.format);
      await store.put(key, audio, CONTENT_TYPES[info.format]);
      await sendStatements(pool, pending.splice(0));
      pending.push({
        text: `UPDATE recording_files SET format = $2, size_bytes = $3, storage_key = $4,
           duration_sec = coalesce($5, duration_sec), peaks = coalesce($6::jsonb, peaks),
           updated_at = now()
         WHERE id = $1::uuid`,
        values: [
          file.id,
          info.format,
          String(audio.length),
          key,
          info.durationSec === null ? null : Math.round(info.durationSec),
          info.peaks ? JSON.stringify(info.peaks) : null,
        ],
      });
    }
    // Talk analytics and the transcript follow in their own low-priority jobs, queued with the
    // READY mark; the CRM may fetch the recording now (one implicit transaction with the status).
    await sendStatements(pool, [
      ...pending,
      statusStatement(recordingId, "READY", null),
      ...talkAnalysisStatements(tenantId, recordingId),
      ...transcriptStatements(tenantId, recordingId),
      webhookFactsStatement(tenantId, [
        { kind: "recording", type: "recording.ready", at: new Date().toISOString(), recordingId },
      ]),
    ]);
    log.info("recording stored", { tenantId, recordingId, files: started.files.length });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isFinal = options.isFinalAttempt || isPermanentError(error);
    // Not final: back to PENDING with the reason; the queue retries with backoff. Files stored
    // so far keep their rows, so a retry resumes after them.
    await sendStatements(getPool(), [
      ...pending,
      statusStatement(recordingId, isFinal ? "FAILED" : "PENDING", message.slice(0, 500)),
    ]);
    if (isFinal) {
      log.warn("recording download failed", { tenantId, recordingId, error: message });
      return;
    }
    throw error;
  }
}

const statusStatement = (recordingId: string, status: string, error: string | null) => ({
  text: `UPDATE recordings SET status = $2::"RecordingStatus", error = $3, updated_at = now()
     WHERE id = $1::uuid`,
  values: [recordingId, status, error],
});

const payloadSchema = z.object({ recordingId: z.uuid() });

export const downloadRecordingJob: JobHandler = async (job, ctx) => {
  if (!job.tenantId) throw new Error("a recording download needs a tenant");
  const { recordingId } = payloadSchema.parse(job.payload);
  // No progress step: the recording's own status (DOWNLOADING) is what the console shows.
  void ctx;
  await downloadRecording(job.tenantId, recordingId, {
    isFinalAttempt: job.attempts >= job.maxAttempts,
  });
};

/** Admins retry a failed download by hand (e.g. after re-authorising the PBX). */
export async function retryRecording(
  scope: Actor,
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
      actorUserId: scope.userId,
      action: "recording.retry",
      targetType: "recording",
      targetId: recordingId,
      ip: scope.ip,
    });
  });
  await enqueueRecordingDownload(scope.tenantId, recordingId);
  return { status: "PENDING" };
}
