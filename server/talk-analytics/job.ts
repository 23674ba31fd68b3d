import { z } from "zod";
import { getDb, getPool } from "@/server/db";
import { sendStatements, type Statement } from "@/server/db/sql";
import { whenLivePathQuiet } from "@/server/calls/live-pressure";
import { enqueueJobsStatement, wakeJobWorkers, type EnqueueOptions } from "@/server/jobs/queue";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { getObjectStore } from "@/server/storage/object-store";
import { analyzeRecordingAudio, type TalkAnalysis } from "@/server/talk-analytics/analyze";
import { UnsupportedAudioError } from "@/server/talk-analytics/decode";

export const TALK_ANALYSIS_QUEUE = "talk.analyze";
const MAX_ATTEMPTS = 3;
// Low priority: the queue takes jobs by run_at, so a later start lets downloads and other work
// queued meanwhile go first. A re-run someone is waiting for starts at once.
const START_DELAY_MS = 2000;

const talkAnalysisJob = (
  tenantId: string,
  recordingId: string,
  startDelayMs: number,
): EnqueueOptions => ({
  queue: TALK_ANALYSIS_QUEUE,
  tenantId,
  payload: { recordingId },
  uniqueKey: `talk-analysis:${recordingId}`,
  runAt: new Date(Date.now() + startDelayMs),
  maxAttempts: MAX_ATTEMPTS,
});

/**
 * Marks the recording's call as waiting for talk analytics and queues the job: sent with the
 * statement that makes the recording READY, so both happen or neither does.
 */
export function talkAnalysisStatements(
  tenantId: string,
  recordingId: string,
  startDelayMs = START_DELAY_MS,
): Statement[] {
  return [
    {
      text: `INSERT INTO call_talk_stats (id, tenant_id, call_id, recording_id, status, updated_at)
         SELECT gen_random_uuid(), r.tenant_id, r.call_id, r.id, 'PENDING', now()
         FROM recordings r WHERE r.id = $1::uuid AND r.tenant_id = $2::uuid
         ON CONFLICT (call_id) DO UPDATE SET recording_id = EXCLUDED.recording_id,
           status = 'PENDING', error = NULL, updated_at = now()`,
      values: [recordingId, tenantId],
    },
    enqueueJobsStatement([talkAnalysisJob(tenantId, recordingId, startDelayMs)]),
  ];
}

class RecordingGoneError extends Error {}

const sec = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);

async function saveResult(tenantId: string, recordingId: string, result: TalkAnalysis) {
  const f = result.figures;
  await getDb().callTalkStats.updateMany({
    where: { tenantId, recordingId },
    data: {
      status: "READY",
      error: null,
      channels: result.channels,
      durationSec: sec(f.durationMs),
      speechSec: sec(f.speechMs),
      silenceSec: sec(f.silenceMs),
      longestSilenceSec: sec(f.longestSilenceMs),
      managerTalkSec: sec(f.managerTalkMs),
      clientTalkSec: sec(f.clientTalkMs),
      talkRatio: f.talkRatio,
      overlapSec: sec(f.overlapMs),
      overlapCount: f.overlapCount,
      managerInterruptions: f.managerInterruptions,
      firstWordsSec: sec(f.firstWordsMs),
      longestMonologueSec: sec(f.longestMonologueMs),
      longestMonologueParty: f.longestMonologueParty,
      segments: { lanes: result.lanes },
      analyzedAt: new Date(),
    },
  });
}

async function saveFailure(
  tenantId: string,
  recordingId: string,
  status: "PENDING" | "FAILED",
  error: string,
) {
  await getDb().callTalkStats.updateMany({
    where: { tenantId, recordingId },
    data: { status, error: error.slice(0, 500) },
  });
}

/** Decodes the stored files of one recording, detects who speaks when, stores the figures. */
export async function analyzeCallTalk(
  tenantId: string,
  recordingId: string,
  options: { isFinalAttempt: boolean },
): Promise<void> {
  try {
    const recording = await getDb().recording.findFirst({
      where: { id: recordingId, tenantId },
      select: { status: true, files: { select: { storageKey: true }, orderBy: { index: "asc" } } },
    });
    if (!recording) return; // deleted with its call: the stats row went with it
    if (recording.status !== "READY" || recording.files.some((f) => !f.storageKey))
      throw new RecordingGoneError("The recording is no longer stored");
    const store = getObjectStore();
    const loaders = recording.files.map((file) => async () => {
      // Waits for the live path before each file, as downloads do.
      await whenLivePathQuiet();
      const stream = await store.get(file.storageKey ?? "");
      if (!stream) throw new RecordingGoneError("A file of the recording is missing from storage");
      return Buffer.from(await new Response(stream).arrayBuffer());
    });
    const pause = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await whenLivePathQuiet();
    };
    const started = performance.now();
    const result = await analyzeRecordingAudio(loaders, pause);
    await saveResult(tenantId, recordingId, result);
    log.info("talk analysed", {
      tenantId,
      recordingId,
      audioSec: Math.round(result.figures.durationMs / 1000),
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isPermanent =
      error instanceof UnsupportedAudioError || error instanceof RecordingGoneError;
    const isFinal = options.isFinalAttempt || isPermanent;
    await saveFailure(tenantId, recordingId, isFinal ? "FAILED" : "PENDING", message);
    if (isFinal) {
      log.warn("talk analysis failed", { tenantId, recordingId, error: message });
      return;
    }
    throw error;
  }
}

const payloadSchema = z.object({ recordingId: z.uuid() });

export const talkAnalysisJobHandler: JobHandler = async (job) => {
  if (!job.tenantId) throw new Error("talk analysis needs a tenant");
  const { recordingId } = payloadSchema.parse(job.payload);
  await analyzeCallTalk(job.tenantId, recordingId, {
    isFinalAttempt: job.attempts >= job.maxAttempts,
  });
};

/** Queues the analysis of a stored recording (again): one round trip, both or neither. */
export async function queueTalkAnalysis(tenantId: string, recordingId: string): Promise<void> {
  // Several statements in one simple query run as one implicit transaction.
  await sendStatements(getPool(), talkAnalysisStatements(tenantId, recordingId, 0));
  wakeJobWorkers();
}
