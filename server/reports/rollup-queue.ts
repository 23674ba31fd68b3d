// The background rollup build's queue, apart from the job itself so that the schedule and the
// settings save can enqueue it without importing the report queries.
import { enqueueJob } from "@/server/jobs/queue";

export const ROLLUP_BUILD_QUEUE = "reports.build-rollups";
/** Every tenant's missing and stale days are built this often (and once at start-up). */
export const ROLLUP_BUILD_EVERY_MS = 5 * 60 * 1000;

/**
 * Builds one tenant's rollups soon, e.g. after its time zone changed and every stored day went
 * stale. Collapses with a build of that tenant that is still queued.
 */
export async function enqueueRollupBuild(tenantId: string): Promise<void> {
  await enqueueJob({
    queue: ROLLUP_BUILD_QUEUE,
    tenantId,
    uniqueKey: `${ROLLUP_BUILD_QUEUE}:${tenantId}`,
    maxAttempts: 3,
  });
}
