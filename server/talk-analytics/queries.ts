import { latestStoredRecording, requireAudibleCall } from "@/server/recordings/access";
import { writeAudit } from "@/server/audit/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canRerunTalkAnalysis, visibleRecordings } from "@/server/policy/policy";
import { queueTalkAnalysis } from "@/server/talk-analytics/job";

const talkSelect = {
  recordingId: true,
  status: true,
  error: true,
  channels: true,
  durationSec: true,
  speechSec: true,
  silenceSec: true,
  longestSilenceSec: true,
  managerTalkSec: true,
  clientTalkSec: true,
  talkRatio: true,
  overlapSec: true,
  overlapCount: true,
  managerInterruptions: true,
  firstWordsSec: true,
  longestMonologueSec: true,
  longestMonologueParty: true,
  segments: true,
  analyzedAt: true,
  updatedAt: true,
} as const;

/** Lanes as stored ({ lanes: [[start, end, …], …] } in ms), checked rather than cast. */
function lanesOf(segments: unknown): number[][] {
  if (typeof segments !== "object" || segments === null || !("lanes" in segments)) return [];
  const { lanes } = segments;
  if (!Array.isArray(lanes)) return [];
  return lanes.map((lane) =>
    Array.isArray(lane) ? lane.filter((n): n is number => typeof n === "number") : [],
  );
}

/**
 * A call's talk analytics for its page: the figures and lanes when computed; otherwise where
 * the job is (PENDING, FAILED with the reason) or NOT_ANALYSED for a recording stored before
 * the analytics existed. Null when the call has no stored recording yet. The same people who
 * may hear the recording see it.
 */
export async function getCallTalk(viewer: Actor, callId: string) {
  await requireAudibleCall(viewer, callId);
  const canRerun = canRerunTalkAnalysis(viewer);
  const row = await getDb().callTalkStats.findFirst({
    where: { tenantId: viewer.tenantId, callId, recording: visibleRecordings(viewer) },
    select: talkSelect,
  });
  if (row) {
    const { segments, ...rest } = row;
    return { ...rest, lanes: lanesOf(segments), canRerun };
  }
  const stored = await latestStoredRecording(viewer.tenantId, callId);
  if (!stored) return null;
  return { recordingId: stored.id, status: "NOT_ANALYSED" as const, canRerun };
}

/** Supervisors run a call's analysis again (after a failure, or one never made). */
export async function rerunTalkAnalysis(
  actor: Actor,
  callId: string,
): Promise<{ status: "PENDING" }> {
  if (!canRerunTalkAnalysis(actor))
    throw new AppError("FORBIDDEN", "Only supervisors and admins can re-run talk analytics");
  const call = await getDb().call.findFirst({
    where: { id: callId, tenantId: actor.tenantId },
    select: { id: true },
  });
  if (!call) throw new AppError("NOT_FOUND", "Call not found");
  const recording = await latestStoredRecording(actor.tenantId, callId);
  if (!recording) throw new AppError("RECORDING_NOT_STORED", "The call has no stored recording");
  await queueTalkAnalysis(actor.tenantId, recording.id);
  await writeAudit(getDb(), {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "talk.rerun",
    targetType: "call",
    targetId: callId,
    ip: actor.ip,
  });
  return { status: "PENDING" };
}
