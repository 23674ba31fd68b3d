import { applyStructure } from "../directory/sync";
import { getMttClient } from "../integrations/mtt-client";
import { SYNC_QUEUE } from "../integrations/sync-job";
import { refreshExpiringTokens } from "../integrations/tokens";
import { log } from "../logger";
import type { JobHandler } from "./worker";

export const TOKEN_REFRESH_QUEUE = "mtt.refresh-tokens";

const syncStructure: JobHandler = async (job, ctx) => {
  if (!job.tenantId) throw new Error("directory sync needs a tenant");
  await ctx.setProgress("fetching");
  const client = await getMttClient(job.tenantId);
  const structure = await client.getStructure();
  await ctx.setProgress("saving");
  const counts = await applyStructure(job.tenantId, structure);
  log.info("PBX structure synced", { tenantId: job.tenantId, ...counts });
};

const refreshTokens: JobHandler = async () => {
  const result = await refreshExpiringTokens();
  if (result.refreshed + result.failed > 0) log.info("MTT tokens refreshed", result);
};

export const jobHandlers: Record<string, JobHandler> = {
  [SYNC_QUEUE]: syncStructure,
  [TOKEN_REFRESH_QUEUE]: refreshTokens,
};
