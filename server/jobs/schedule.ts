import { JOB_PRUNE_EVERY_MS, JOB_PRUNE_QUEUE } from "@/server/jobs/prune";
import { log } from "@/server/logger";
import { RECORDING_RETENTION_QUEUE, RETENTION_EVERY_MS } from "@/server/recordings/retention";
import { ROLLUP_BUILD_EVERY_MS, ROLLUP_BUILD_QUEUE } from "@/server/reports/rollup-queue";
import { enqueueRecurringJob } from "@/server/jobs/queue";
import { QUALITY_SAMPLING_EVERY_MS, QUALITY_SAMPLING_QUEUE } from "@/server/quality/sampling";

export type Recurring = { queue: string; everyMs: number };

/** The job key a recurring queue runs under; enqueue with it to run early without a duplicate. */
export const recurringKey = (queue: string) => `recurring:${queue}`;

// Scheduled on every instance in addition to what the caller passes (housekeeping, and report
// rollups built ahead of the first report).
const builtInJobs: Recurring[] = [
  { queue: RECORDING_RETENTION_QUEUE, everyMs: RETENTION_EVERY_MS },
  { queue: ROLLUP_BUILD_QUEUE, everyMs: ROLLUP_BUILD_EVERY_MS },
  { queue: JOB_PRUNE_QUEUE, everyMs: JOB_PRUNE_EVERY_MS },
  { queue: QUALITY_SAMPLING_QUEUE, everyMs: QUALITY_SAMPLING_EVERY_MS },
];

/**
 * Every instance tries to enqueue each recurring job on its interval; enqueueRecurringJob lets
 * only the first attempt of each interval through, so it runs once across instances.
 */
export function startRecurringJobs(jobs: Recurring[]): () => void {
  const timers = [...jobs, ...builtInJobs].map((job) => {
    const enqueue = () =>
      void enqueueRecurringJob(job.queue, job.everyMs).catch((error: unknown) =>
        log.warn("could not schedule a recurring job", { queue: job.queue, error }),
      );
    enqueue();
    return setInterval(enqueue, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
