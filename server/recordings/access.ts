import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canHearCall, visibleCalls } from "@/server/policy/policy";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const streamSelect = {
  id: true,
  status: true,
  tenantId: true,
  call: {
    select: {
      id: true,
      startedAt: true,
      managerId: true,
      clientManagerId: true,
      manager: { select: { name: true } },
      client: { select: { name: true } },
      tenant: { select: { timeZone: true } },
    },
  },
  files: {
    select: { index: true, format: true, sizeBytes: true, storageKey: true },
    orderBy: { index: "asc" },
  },
} satisfies Prisma.RecordingSelect;

export type StreamableRecording = Prisma.RecordingGetPayload<{ select: typeof streamSelect }>;

/** A recording of another company is "not found", never "forbidden": ids reveal nothing. */
export async function loadRecordingInTenant(
  tenantId: string,
  recordingId: string,
): Promise<StreamableRecording> {
  if (!UUID.test(recordingId)) throw new AppError("NOT_FOUND", "Recording not found");
  const recording = await getDb().recording.findFirst({
    where: { id: recordingId, tenantId },
    select: streamSelect,
  });
  if (!recording) throw new AppError("NOT_FOUND", "Recording not found");
  return recording;
}

export async function authorizeRecording(
  actor: Actor,
  recordingId: string,
): Promise<StreamableRecording> {
  const recording = await loadRecordingInTenant(actor.tenantId, recordingId);
  if (!canHearCall(actor, recording.call))
    throw new AppError(
      "FORBIDDEN",
      "You can only listen to your own calls and your clients' calls",
    );
  return recording;
}

/** The call must exist in the tenant (else NOT_FOUND) and be one the viewer may hear. */
export async function requireAudibleCall(viewer: Actor, callId: string) {
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
}

/** The call's newest recording that is stored and playable. */
export const latestStoredRecording = (tenantId: string, callId: string) =>
  getDb().recording.findFirst({
    where: { tenantId, callId, status: "READY" },
    select: { id: true },
    orderBy: { createdAt: "desc" },
  });
