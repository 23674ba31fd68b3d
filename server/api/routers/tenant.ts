import { updateTenantInput } from "../../../lib/schemas/tenant";
import { getTenantView, updateTenant } from "../../tenants/settings";
import { actorScope } from "../scope";
import { adminProcedure, router } from "../trpc";

export const tenantRouter = router({
  get: adminProcedure.query(({ ctx }) => getTenantView(ctx.user.tenantId)),
  update: adminProcedure
    .input(updateTenantInput)
    .mutation(({ ctx, input }) => updateTenant(actorScope(ctx), input)),
});
