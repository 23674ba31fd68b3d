import type { Role } from "../../lib/schemas/users";
import { callsOfManager } from "../calls/visibility";
import { getDb, type Prisma } from "../db";
import { AppError } from "../errors";

export type Viewer = { id: string; role: Role; tenantId: string };

/** Which recordings a user may hear: those of the calls they may open, inside their tenant. */
export function recordingScope(viewer: Viewer): Prisma.RecordingWhereInput {
  if (viewer.role !== "MANAGER") return { tenantId: viewer.tenantId };
  return { tenantId: viewer.tenantId, call: callsOfManager(viewer.id) };
}

export const callScopeForViewer = (viewer: Viewer): Prisma.CallWhereInput =>
  viewer.role === "MANAGER"
    ? { tenantId: viewer.tenantId, ...callsOfManager(viewer.id) }
    : { tenantId: viewer.tenantId };

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

export function canHear(viewer: Viewer, recording: StreamableRecording): boolean {
  if (viewer.role !== "MANAGER") return true;
  return recording.call.managerId === viewer.id || recording.call.clientManagerId === viewer.id;
}

export async function authorizeRecording(
  viewer: Viewer,
  recordingId: string,
): Promise<StreamableRecording> {
  const recording = await loadRecordingInTenant(viewer.tenantId, recordingId);
  if (!canHear(viewer, recording))
    throw new AppError(
      "FORBIDDEN",
      "You can only listen to your own calls and your clients' calls",
    );
  return recording;
}
