import { applyStructure } from "@/server/directory/sync";
import { invalidateStaff } from "@/server/routing/snapshot";
import { RESTORE_ASSIGNMENTS_QUEUE, restoreDueAssignments } from "@/server/clients/assignments";
import { getMttClient } from "@/server/integrations/mtt-client";
import { RECONCILE_QUEUE, reconcileJob } from "@/server/integrations/reconcile";
import { SYNC_QUEUE } from "@/server/integrations/sync-job";
import { refreshExpiringTokens } from "@/server/integrations/tokens";
import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import { downloadRecordingJob, RECORDING_DOWNLOAD_QUEUE } from "@/server/recordings/pipeline";
import { RECORDING_RETENTION_QUEUE, recordingRetentionJob } from "@/server/recordings/retention";
import { rollupBuildJob } from "@/server/reports/rollup-job";
import { TALK_ANALYSIS_QUEUE, talkAnalysisJobHandler } from "@/server/talk-analytics/job";
import { ROLLUP_BUILD_QUEUE } from "@/server/reports/rollup-queue";
import { JOB_PRUNE_QUEUE, pruneJobsJob } from "@/server/jobs/prune";
import { QUALITY_SAMPLING_QUEUE, qualitySamplingJob } from "@/server/quality/sampling";
import type { JobHandler } from "@/server/jobs/worker";
import { LIVE_CHECK_QUEUE, liveCallsCheckJob } from "@/server/integrations/live-calls-check";

export const TOKEN_REFRESH_QUEUE = "mtt.refresh-tokens";

const SYNC_ERROR_PREFIX = "Structure sync failed: ";

const syncStructure: JobHandler = async (job, ctx) => {
  const tenantId = job.tenantId;
  if (!tenantId) throw new Error("directory sync needs a tenant");
  try {
    await ctx.setProgress("fetching");
    const client = await getMttClient(tenantId);
    const structure = await client.getStructure();
    await ctx.setProgress("saving");
    const counts = await applyStructure(tenantId, structure);
    // Workplaces and their links decide where routing may send calls.
    invalidateStaff(tenantId);
    // A later success clears an earlier sync failure (but not, say, a token problem).
    await getDb().mttIntegration.updateMany({
      where: { tenantId, lastError: { startsWith: SYNC_ERROR_PREFIX } },
      data: { lastError: null, lastErrorAt: null },
    });
    log.info("PBX structure synced", { tenantId, ...counts });
  } catch (error) {
    // Admins see why in Settings → Telephony; the queue retries.
    const message = error instanceof Error ? error.message : String(error);
    await getDb().mttIntegration.updateMany({
      where: { tenantId },
      data: { lastError: `${SYNC_ERROR_PREFIX}${message}`, lastErrorAt: new Date() },
    });
    throw error;
  }
};

const refreshTokens: JobHandler = async () => {
  const result = await refreshExpiringTokens();
  if (result.refreshed + result.failed > 0) log.info("MTT tokens refreshed", result);
};

// Temporary reassignments (vacations) end: clients go back to their personal manager.
const restoreAssignments: JobHandler = async (job) => {
  if (!job.tenantId) throw new Error("restoring assignments needs a tenant");
  await restoreDueAssignments(job.tenantId);
};

export const jobHandlers: Record<string, JobHandler> = {
  [RESTORE_ASSIGNMENTS_QUEUE]: restoreAssignments,
  [SYNC_QUEUE]: syncStructure,
  [TOKEN_REFRESH_QUEUE]: refreshTokens,
  [RECORDING_DOWNLOAD_QUEUE]: downloadRecordingJob,
  [RECORDING_RETENTION_QUEUE]: recordingRetentionJob,
  [JOB_PRUNE_QUEUE]: pruneJobsJob,
  [RECONCILE_QUEUE]: reconcileJob,
  [LIVE_CHECK_QUEUE]: liveCallsCheckJob,
  [ROLLUP_BUILD_QUEUE]: rollupBuildJob,
  [TALK_ANALYSIS_QUEUE]: talkAnalysisJobHandler,
  [QUALITY_SAMPLING_QUEUE]: qualitySamplingJob,
};
