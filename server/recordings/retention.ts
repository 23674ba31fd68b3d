import { getDb } from "@/server/db";
import type { JobHandler } from "@/server/jobs/worker";
import { log } from "@/server/logger";
import { getObjectStore } from "@/server/storage/object-store";
import { getTenantSettings } from "@/server/tenants/settings";

export const RECORDING_RETENTION_QUEUE = "recordings.retention";
export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;
const BATCH = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the audio of recordings whose call is older than the tenant's retention and keeps the
 * metadata (who, when, how long), marked DELETED with the reason. Idempotent: a second run finds
 * nothing; a crash halfway leaves the rest for the next day's run.
 */
export async function applyRecordingRetention(
  now = new Date(),
): Promise<{ tenants: number; deleted: number }> {
  const db = getDb();
  const tenants = await db.tenant.findMany({ select: { id: true } });
  let deleted = 0;
  let tenantsWithLimit = 0;
  for (const { id: tenantId } of tenants) {
    const { recordingRetentionDays: days } = await getTenantSettings(tenantId);
    if (days === null) continue;
    tenantsWithLimit++;
    deleted += await deleteOlderThan(tenantId, new Date(now.getTime() - days * DAY_MS), now);
  }
  return { tenants: tenantsWithLimit, deleted };
}

async function deleteOlderThan(tenantId: string, cutoff: Date, now: Date): Promise<number> {
  const db = getDb();
  const store = getObjectStore();
  let deleted = 0;
  for (;;) {
    const batch = await db.recording.findMany({
      where: {
        tenantId,
        // Downloads in progress are left alone; they are picked up on the next run.
        status: { in: ["READY", "FAILED"] },
        call: { startedAt: { lt: cutoff } },
      },
      select: { id: true, files: { select: { id: true, storageKey: true } } },
      take: BATCH,
    });
    if (batch.length === 0) return deleted;
    for (const recording of batch) {
      for (const file of recording.files) {
        if (file.storageKey) await store.delete(file.storageKey);
      }
      // The transcript goes with the audio: it is what was said, as personal as the recording.
      await db.$transaction([
        db.transcript.deleteMany({ where: { recordingId: recording.id, tenantId } }),
        db.recordingFile.updateMany({
          where: { recordingId: recording.id, tenantId },
          data: { storageKey: null },
        }),
        db.recording.update({
          where: { id: recording.id },
          data: { status: "DELETED", deletedAt: now, deletedReason: "retention", error: null },
        }),
      ]);
      deleted++;
    }
  }
}

export const recordingRetentionJob: JobHandler = async () => {
  const result = await applyRecordingRetention();
  if (result.deleted > 0) log.info("recordings deleted by retention", result);
};
