import { saveCredentialsInput } from "@/lib/schemas/integration";
import {
  disconnectIntegration,
  getIntegrationView,
  requireCredentials,
  saveCredentials,
} from "@/server/integrations/integration";
import { startConnect } from "@/server/integrations/oauth-flow";
import { listRejectedNotifications } from "@/server/integrations/rejected";
import { enqueueStructureSync } from "@/server/integrations/sync-job";
import { getSimulatorUrl } from "@/server/integrations/simulator-link";
import { adminProcedure, router } from "@/server/api/trpc";

export const integrationRouter = router({
  get: adminProcedure.query(({ ctx }) => getIntegrationView(ctx.user.tenantId, getSimulatorUrl())),
  saveCredentials: adminProcedure
    .input(saveCredentialsInput)
    .mutation(({ ctx, input }) => saveCredentials(ctx.actor, input)),
  connect: adminProcedure.mutation(({ ctx }) => startConnect(ctx.actor)),
  sync: adminProcedure.mutation(async ({ ctx }) => {
    await requireCredentials(ctx.user.tenantId);
    await enqueueStructureSync(ctx.user.tenantId);
    return { started: true as const };
  }),
  rejectedNotifications: adminProcedure.query(({ ctx }) =>
    listRejectedNotifications(ctx.user.tenantId),
  ),
  disconnect: adminProcedure.mutation(({ ctx }) => disconnectIntegration(ctx.actor)),
});
