import { linkWorkplaceInput } from "@/lib/schemas/integration";
import {
  inviteUserInput,
  setUserStatusInput,
  updateUserInput,
  userIdInput,
} from "@/lib/schemas/users";
import { getConfig } from "@/server/config";
import { invalidateStaff } from "@/server/routing/snapshot";
import {
  inviteUser,
  linkWorkplace,
  listUsers,
  regenerateInvite,
  setUserStatus,
  updateUser,
} from "@/server/users/users";
import { adminProcedure, router } from "@/server/api/trpc";

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.user.tenantId)),
  invite: adminProcedure
    .input(inviteUserInput)
    .mutation(({ ctx, input }) => inviteUser(ctx.actor, input, getConfig().publicUrl)),
  update: adminProcedure.input(updateUserInput).mutation(async ({ ctx, input }) => {
    const result = await updateUser(ctx.actor, input);
    invalidateStaff(ctx.user.tenantId);
    return result;
  }),
  setStatus: adminProcedure.input(setUserStatusInput).mutation(async ({ ctx, input }) => {
    const result = await setUserStatus(ctx.actor, input.userId, input.status);
    // A disabled manager must stop receiving routed calls at once.
    invalidateStaff(ctx.user.tenantId);
    return result;
  }),
  regenerateInvite: adminProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) => regenerateInvite(ctx.actor, input.userId, getConfig().publicUrl)),
  linkWorkplace: adminProcedure.input(linkWorkplaceInput).mutation(async ({ ctx, input }) => {
    const result = await linkWorkplace(ctx.actor, input.userId, input.workplaceId);
    invalidateStaff(ctx.user.tenantId);
    return result;
  }),
});
