import { updateTenantInput } from "@/lib/schemas/tenant";
import { invalidateRules } from "@/server/routing/snapshot";
import { getTenantView, updateTenant } from "@/server/tenants/settings";
import { adminProcedure, router } from "@/server/api/trpc";

export const tenantRouter = router({
  get: adminProcedure.query(({ ctx }) => getTenantView(ctx.user.tenantId)),
  update: adminProcedure.input(updateTenantInput).mutation(async ({ ctx, input }) => {
    const result = await updateTenant(ctx.actor, input);
    // Rule schedules are evaluated in the tenant's time zone.
    invalidateRules(ctx.user.tenantId);
    return result;
  }),
});
