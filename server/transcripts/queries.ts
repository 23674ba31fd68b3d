import { latestStoredRecording, requireAudibleCall } from "@/server/recordings/access";
import { writeAudit } from "@/server/audit/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canManageTranscripts, visibleRecordings } from "@/server/policy/policy";
import { auditRecordingAccess } from "@/server/recordings/stream";
import { queueTranscript } from "@/server/transcripts/job";

async function isSpeechOn(tenantId: string): Promise<boolean> {
  const row = await getDb().speechSettings.findUnique({
    where: { tenantId },
    select: { backend: true },
  });
  return row !== null && row.backend !== "OFF";
}

/**
 * A call's transcript for its page. Whoever may hear the recording may read it; each reading of
 * a finished transcript goes to the recordings' access log. Without a transcript row: NOT_CONFIGURED
 * (the company has speech recognition off), NOT_TRANSCRIBED (a recording stored before it was on,
 * or a deleted transcript), or null when the call has no stored recording yet.
 */
export async function getCallTranscript(viewer: Actor, callId: string) {
  await requireAudibleCall(viewer, callId);
  const canManage = canManageTranscripts(viewer);
  const row = await getDb().transcript.findFirst({
    where: { tenantId: viewer.tenantId, callId, recording: visibleRecordings(viewer) },
    select: {
      recordingId: true,
      status: true,
      backend: true,
      model: true,
      language: true,
      progress: true,
      error: true,
      finishedAt: true,
      segments: {
        select: { id: true, party: true, channel: true, startMs: true, endMs: true, text: true },
        orderBy: [{ startMs: "asc" }, { channel: "asc" }],
      },
    },
  });
  if (row) {
    if (row.status === "DONE")
      await auditRecordingAccess({
        tenantId: viewer.tenantId,
        recordingId: row.recordingId,
        action: "transcript.view",
        actor: viewer,
        data: { callId },
      });
    return { ...row, segments: row.status === "DONE" ? row.segments : [], canManage };
  }
  if (!(await isSpeechOn(viewer.tenantId)))
    return { status: "NOT_CONFIGURED" as const, canManage, canConfigure: viewer.role === "ADMIN" };
  const stored = await latestStoredRecording(viewer.tenantId, callId);
  if (!stored) return null;
  return { status: "NOT_TRANSCRIBED" as const, recordingId: stored.id, canManage };
}

/** Supervisors transcribe a call (again): after a failure, a deletion, or one never made. */
export async function retryTranscript(
  actor: Actor,
  callId: string,
): Promise<{ status: "PENDING" }> {
  if (!canManageTranscripts(actor))
    throw new AppError("FORBIDDEN", "Only supervisors and admins can transcribe calls again");
  const call = await getDb().call.findFirst({
    where: { id: callId, tenantId: actor.tenantId },
    select: { id: true },
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  if (!(await isSpeechOn(actor.tenantId)))
    throw new AppError("CONFLICT", "Speech recognition is off (Settings → Speech)");
  const recording = await latestStoredRecording(actor.tenantId, callId);
  if (!recording) throw new AppError("RECORDING_NOT_STORED", "The call has no stored recording");
  await queueTranscript(actor.tenantId, recording.id);
  await writeAudit(getDb(), {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "transcript.retry",
    targetType: "call",
    targetId: callId,
    ip: actor.ip,
  });
  return { status: "PENDING" };
}

/** Supervisors delete a call's transcript (its segments go with it); the recording stays. */
export async function deleteTranscript(
  actor: Actor,
  callId: string,
): Promise<{ deleted: boolean }> {
  if (!canManageTranscripts(actor))
    throw new AppError("FORBIDDEN", "Only supervisors and admins can delete transcripts");
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.transcript.deleteMany({
      where: { tenantId: actor.tenantId, callId },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Transcript not found");
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "transcript.delete",
      targetType: "call",
      targetId: callId,
      ip: actor.ip,
    });
    return { deleted: true };
  });
}
