import { saveCredentialsInput } from "../../../lib/schemas/integration";
import {
  disconnectIntegration,
  getIntegrationView,
  requireCredentials,
  saveCredentials,
} from "../../integrations/integration";
import { startConnect } from "../../integrations/oauth-flow";
import { listRejectedNotifications } from "../../integrations/rejected";
import { enqueueStructureSync } from "../../integrations/sync-job";
import { getSimulatorUrl } from "../../integrations/simulator-link";
import { actorScope } from "../scope";
import { adminProcedure, router } from "../trpc";

export const integrationRouter = router({
  get: adminProcedure.query(({ ctx }) => getIntegrationView(ctx.user.tenantId, getSimulatorUrl())),
  saveCredentials: adminProcedure
    .input(saveCredentialsInput)
    .mutation(({ ctx, input }) => saveCredentials(actorScope(ctx), input)),
  connect: adminProcedure.mutation(({ ctx }) => startConnect(actorScope(ctx))),
  sync: adminProcedure.mutation(async ({ ctx }) => {
    await requireCredentials(ctx.user.tenantId);
    await enqueueStructureSync(ctx.user.tenantId);
    return { started: true as const };
  }),
  rejectedNotifications: adminProcedure.query(({ ctx }) =>
    listRejectedNotifications(ctx.user.tenantId),
  ),
  disconnect: adminProcedure.mutation(({ ctx }) => disconnectIntegration(actorScope(ctx))),
});
