// Finished jobs are history nobody reads after a while, and recurring ones add hundreds of rows a
// day (token refresh, rollup builds, retention): keep done jobs for two days and failed ones,
// which an admin may still want to look at, for thirty.
import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import type { JobHandler } from "@/server/jobs/worker";

export const JOB_PRUNE_QUEUE = "jobs.prune";
export const JOB_PRUNE_EVERY_MS = 60 * 60 * 1000;
export const KEEP_DONE_DAYS = 2;
export const KEEP_FAILED_DAYS = 30;

export async function pruneFinishedJobs(now = new Date()): Promise<number> {
  const day = 86_400_000;
  const { count } = await getDb().job.deleteMany({
    where: {
      OR: [
        { status: "DONE", finishedAt: { lt: new Date(now.getTime() - KEEP_DONE_DAYS * day) } },
        { status: "FAILED", finishedAt: { lt: new Date(now.getTime() - KEEP_FAILED_DAYS * day) } },
      ],
    },
  });
  return count;
}

export const pruneJobsJob: JobHandler = async () => {
  const deleted = await pruneFinishedJobs();
  if (deleted > 0) log.info("finished jobs pruned", { deleted });
};
