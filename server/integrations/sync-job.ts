import { enqueueJob } from "@/server/jobs/queue";
import { syncJobKey } from "@/server/integrations/integration";

export const SYNC_QUEUE = "directory.sync";

export async function enqueueStructureSync(tenantId: string) {
  return enqueueJob({
    queue: SYNC_QUEUE,
    tenantId,
    uniqueKey: syncJobKey(tenantId),
    maxAttempts: 3,
  });
}
