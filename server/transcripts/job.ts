import { z } from "zod";
import { whenLivePathQuiet } from "@/server/calls/live-pressure";
import { getDb, getPool } from "@/server/db";
import { sendStatements, type Statement } from "@/server/db/sql";
import { wakeJobWorkers } from "@/server/jobs/queue";
import { RetryJobLaterError, type JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { getObjectStore } from "@/server/storage/object-store";
import { CLIENT_CHANNEL, MANAGER_CHANNEL } from "@/server/talk-analytics/analyze";
import { UnsupportedAudioError } from "@/server/talk-analytics/decode";
import { transcriberFor } from "@/server/transcripts/backends";
import { splitChannels } from "@/server/transcripts/channel-audio";
import { skipReasonOf } from "@/server/transcripts/filter";
import { loadSpeechConfig } from "@/server/transcripts/settings";
import { TranscriberError, type Transcriber } from "@/server/transcripts/types";
import { checkScriptsForCall } from "@/server/scripts/checks";

export const TRANSCRIPT_QUEUE = "transcripts.transcribe";
// With the queue's backoff (5 s, 20 s, 80 s, 5 min) about seven minutes, longer when the
// service asks for it with Retry-After.
export const TRANSCRIPT_MAX_ATTEMPTS = 5;
// Low priority: after the talk analytics (2 s) and whatever else is queued meanwhile.
const START_DELAY_MS = 5000;

/**
 * Marks the recording's call as waiting for its transcript and queues the job — only for a
 * company whose speech recognition is on (the others never get a row: the call page says "not
 * configured"). Sent with the statement that makes the recording READY: both or neither.
 */
export function transcriptStatements(
  tenantId: string,
  recordingId: string,
  startDelayMs = START_DELAY_MS,
): Statement[] {
  return [
    {
      text: `WITH t AS (
         INSERT INTO transcripts (id, tenant_id, call_id, recording_id, status, progress, updated_at)
         SELECT gen_random_uuid(), r.tenant_id, r.call_id, r.id, 'PENDING', 0, now()
         FROM recordings r
         JOIN speech_settings s ON s.tenant_id = r.tenant_id AND s.backend <> 'OFF'
         WHERE r.id = $1::uuid AND r.tenant_id = $2::uuid
         ON CONFLICT (call_id) DO UPDATE SET recording_id = EXCLUDED.recording_id,
           status = 'PENDING', progress = 0, error = NULL, attempts = 0, updated_at = now()
         RETURNING recording_id
       )
       INSERT INTO jobs (id, tenant_id, queue, payload, unique_key, run_at, max_attempts, updated_at)
       SELECT gen_random_uuid(), $2::uuid, $3, json_build_object('recordingId', t.recording_id)::jsonb,
         'transcript:' || t.recording_id, now() + make_interval(secs => $4::float8 / 1000), $5, now()
       FROM t
       ON CONFLICT (unique_key) DO NOTHING`,
      values: [recordingId, tenantId, TRANSCRIPT_QUEUE, startDelayMs, TRANSCRIPT_MAX_ATTEMPTS],
    },
  ];
}

/** Queues a recording's transcription (again) now: a retry, or a company that just turned it on. */
export async function queueTranscript(tenantId: string, recordingId: string): Promise<void> {
  await sendStatements(getPool(), transcriptStatements(tenantId, recordingId, 0));
  wakeJobWorkers();
}

class RecordingGoneError extends Error {}

type Party = "MANAGER" | "CLIENT" | null;
type SegmentRow = {
  party: Party;
  channel: number;
  startMs: number;
  endMs: number;
  text: string;
  confidence: number | null;
};

const partyOf = (channels: number, channel: number): Party =>
  channels < 2
    ? null
    : channel === MANAGER_CHANNEL
      ? "MANAGER"
      : channel === CLIENT_CHANNEL
        ? "CLIENT"
        : null;

async function loadTarget(tenantId: string, recordingId: string) {
  return getDb().transcript.findFirst({
    where: { tenantId, recordingId },
    select: {
      id: true,
      callId: true,
      call: { select: { direction: true, answeredAt: true, talkSec: true } },
      recording: {
        select: {
          status: true,
          files: { select: { storageKey: true }, orderBy: { index: "asc" } },
        },
      },
    },
  });
}

async function setState(
  transcriptId: string,
  data: { status: "PENDING" | "FAILED" | "SKIPPED"; error: string },
) {
  await getDb().transcript.update({
    where: { id: transcriptId },
    data: {
      status: data.status,
      error: data.error.slice(0, 500),
      ...(data.status === "PENDING" ? {} : { finishedAt: new Date() }),
    },
  });
}

/** Every channel of every file, each phrase placed on the recording's one timeline. */
async function recognize(
  transcriber: Transcriber,
  language: string,
  storageKeys: string[],
  onProgress: (percent: number) => Promise<void>,
): Promise<SegmentRow[]> {
  const store = getObjectStore();
  const rows: SegmentRow[] = [];
  let offsetMs = 0;
  for (const [fileIndex, key] of storageKeys.entries()) {
    await whenLivePathQuiet();
    const stream = await store.get(key);
    if (!stream) throw new RecordingGoneError("A file of the recording is missing from storage");
    const channels = await splitChannels(
      Buffer.from(await new Response(stream).arrayBuffer()),
      () => new Promise((resolve) => setImmediate(resolve)),
    );
    for (const [channel, audio] of channels.entries()) {
      const segments = await transcriber.transcribe(audio, language);
      for (const s of segments)
        rows.push({
          party: partyOf(channels.length, channel),
          channel,
          startMs: s.startMs + offsetMs,
          endMs: s.endMs + offsetMs,
          text: s.text,
          confidence: s.confidence,
        });
      const done = fileIndex + (channel + 1) / channels.length;
      await onProgress(Math.min(99, Math.round((done / storageKeys.length) * 100)));
    }
    offsetMs += channels[0]?.durationMs ?? 0;
  }
  return rows.sort((a, b) => a.startMs - b.startMs || a.channel - b.channel);
}

/**
 * Transcribes one stored recording with the company's backend: SKIPPED when its filter leaves
 * the call out, DONE with the segments, PENDING with the reason while a retryable failure (429,
 * 5xx, time-out) has attempts left (the job is retried, after Retry-After when the service gave
 * one), FAILED with the reason otherwise.
 */
export async function transcribeRecording(
  tenantId: string,
  recordingId: string,
  options: { isFinalAttempt: boolean },
): Promise<void> {
  const target = await loadTarget(tenantId, recordingId);
  if (!target) return; // deleted with its call or recording
  const config = await loadSpeechConfig(tenantId);
  try {
    const transcriber = transcriberFor(config);
    if (!transcriber)
      return await setState(target.id, { status: "SKIPPED", error: "Speech recognition is off" });
    const skip = skipReasonOf(config, target.call);
    if (skip) return await setState(target.id, { status: "SKIPPED", error: skip });
    const keys = target.recording.files.map((f) => f.storageKey);
    if (target.recording.status !== "READY" || keys.length === 0 || keys.some((k) => !k))
      throw new RecordingGoneError("The recording is no longer stored");
    await getDb().transcript.update({
      where: { id: target.id },
      data: {
        status: "RUNNING",
        attempts: { increment: 1 },
        progress: 0,
        backend: transcriber.backend,
        model: transcriber.model,
        language: config.language,
        startedAt: new Date(),
        finishedAt: null,
      },
    });
    const started = performance.now();
    const rows = await recognize(
      transcriber,
      config.language,
      keys.map((k) => k ?? ""),
      (progress) =>
        getDb()
          .transcript.update({ where: { id: target.id }, data: { progress } })
          .then(() => undefined),
    );
    await getDb().$transaction([
      getDb().transcriptSegment.deleteMany({ where: { transcriptId: target.id } }),
      getDb().transcriptSegment.createMany({
        data: rows.map((row) => ({
          ...row,
          tenantId,
          transcriptId: target.id,
          callId: target.callId,
        })),
      }),
      getDb().transcript.update({
        where: { id: target.id },
        data: { status: "DONE", progress: 100, error: null, finishedAt: new Date() },
      }),
    ]);
    log.info("call transcribed", {
      tenantId,
      recordingId,
      segments: rows.length,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isPermanent =
      (error instanceof TranscriberError && !error.isRetryable) ||
      error instanceof RecordingGoneError ||
      error instanceof UnsupportedAudioError;
    if (!isPermanent && !options.isFinalAttempt) {
      await setState(target.id, { status: "PENDING", error: message });
      if (error instanceof TranscriberError)
        throw new RetryJobLaterError(message, error.retryAfterMs ?? 0);
      throw error;
    }
    await setState(target.id, { status: "FAILED", error: message });
    log.warn("transcription failed", { tenantId, recordingId, error: message });
    return;
  }
  // The transcript is DONE: check the call against the company's scripts, which fills the linked
  // scorecard criteria as auto answers. A check that fails is logged and leaves the transcript
  // DONE (a supervisor re-checks from the call page); it never re-runs the transcription.
  try {
    await checkScriptsForCall(tenantId, target.callId);
  } catch (error) {
    log.warn("script check failed", {
      tenantId,
      callId: target.callId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

const payloadSchema = z.object({ recordingId: z.uuid() });

export const transcriptJobHandler: JobHandler = async (job) => {
  if (!job.tenantId) throw new Error("a transcription needs a tenant");
  const { recordingId } = payloadSchema.parse(job.payload);
  await transcribeRecording(job.tenantId, recordingId, {
    isFinalAttempt: job.attempts >= job.maxAttempts,
  });
};

/** Run by a worker of its own (server/main.ts), one at a time. */
export const transcriptJobHandlers: Record<string, JobHandler> = {
  [TRANSCRIPT_QUEUE]: transcriptJobHandler,
};
