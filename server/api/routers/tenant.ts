import { updateTenantInput } from "../../../lib/schemas/tenant";
import { invalidateRules } from "../../routing/snapshot";
import { getTenantView, updateTenant } from "../../tenants/settings";
import { actorScope } from "../scope";
import { adminProcedure, router } from "../trpc";

export const tenantRouter = router({
  get: adminProcedure.query(({ ctx }) => getTenantView(ctx.user.tenantId)),
  update: adminProcedure.input(updateTenantInput).mutation(async ({ ctx, input }) => {
    const result = await updateTenant(actorScope(ctx), input);
    // Rule schedules are evaluated in the tenant's time zone.
    invalidateRules(ctx.user.tenantId);
    return result;
  }),
});
