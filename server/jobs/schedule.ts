import { log } from "../logger";
import { RECORDING_RETENTION_QUEUE, RETENTION_EVERY_MS } from "../recordings/retention";
import { enqueueJob } from "./queue";

export type Recurring = { queue: string; everyMs: number };

// Scheduled on every instance in addition to what the caller passes (daily housekeeping).
const builtInJobs: Recurring[] = [
  { queue: RECORDING_RETENTION_QUEUE, everyMs: RETENTION_EVERY_MS },
];

/**
 * Every instance tries to enqueue each recurring job on its interval; the unique key makes the
 * attempts collapse into one pending job, so it runs once across instances.
 */
export function startRecurringJobs(jobs: Recurring[]): () => void {
  const timers = [...jobs, ...builtInJobs].map((job) => {
    const enqueue = () =>
      void enqueueJob({
        queue: job.queue,
        uniqueKey: `recurring:${job.queue}`,
        maxAttempts: 1,
      }).catch((error: unknown) =>
        log.warn("could not schedule a recurring job", { queue: job.queue, error }),
      );
    enqueue();
    return setInterval(enqueue, job.everyMs);
  });
  return () => timers.forEach(clearInterval);
}
