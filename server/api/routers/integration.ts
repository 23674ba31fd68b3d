import { saveCredentialsInput } from "../../../lib/schemas/integration";
import {
  disconnectIntegration,
  getIntegrationView,
  saveCredentials,
} from "../../integrations/integration";
import { startConnect } from "../../integrations/oauth-flow";
import { enqueueStructureSync } from "../../integrations/sync-job";
import { requireCredentials } from "../../integrations/integration";
import { getSimulatorUrl } from "../../integrations/simulator-link";
import { adminProcedure, router } from "../trpc";

const scopeOf = (ctx: { user: { tenantId: string; id: string }; ip: string | null }) => ({
  tenantId: ctx.user.tenantId,
  actorId: ctx.user.id,
  ip: ctx.ip,
});

export const integrationRouter = router({
  get: adminProcedure.query(({ ctx }) => getIntegrationView(ctx.user.tenantId, getSimulatorUrl())),
  saveCredentials: adminProcedure
    .input(saveCredentialsInput)
    .mutation(({ ctx, input }) => saveCredentials(scopeOf(ctx), input)),
  connect: adminProcedure.mutation(({ ctx }) => startConnect(scopeOf(ctx))),
  sync: adminProcedure.mutation(async ({ ctx }) => {
    await requireCredentials(ctx.user.tenantId);
    await enqueueStructureSync(ctx.user.tenantId);
    return { started: true as const };
  }),
  disconnect: adminProcedure.mutation(({ ctx }) => disconnectIntegration(scopeOf(ctx))),
});
