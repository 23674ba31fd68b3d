import { setLocaleInput } from "@/lib/schemas/users";
import { getProfile, setUserLocale } from "@/server/users/profile";
import { protectedProcedure, router } from "@/server/api/trpc";

export const meRouter = router({
  get: protectedProcedure.query(({ ctx }) => getProfile(ctx.user.tenantId, ctx.user.id)),
  setLocale: protectedProcedure
    .input(setLocaleInput)
    .mutation(({ ctx, input }) => setUserLocale(ctx.user.tenantId, ctx.user.id, input.locale)),
});
