import { linkWorkplaceInput } from "../../../lib/schemas/integration";
import {
  inviteUserInput,
  setUserStatusInput,
  updateUserInput,
  userIdInput,
} from "../../../lib/schemas/users";
import { getConfig } from "../../config";
import { invalidateStaff } from "../../routing/snapshot";
import {
  inviteUser,
  linkWorkplace,
  listUsers,
  regenerateInvite,
  setUserStatus,
  updateUser,
} from "../../users/users";
import { actorScope } from "../scope";
import { adminProcedure, router } from "../trpc";

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.user.tenantId)),
  invite: adminProcedure
    .input(inviteUserInput)
    .mutation(({ ctx, input }) => inviteUser(actorScope(ctx), input, getConfig().publicUrl)),
  update: adminProcedure.input(updateUserInput).mutation(async ({ ctx, input }) => {
    const result = await updateUser(actorScope(ctx), input);
    invalidateStaff(ctx.user.tenantId);
    return result;
  }),
  setStatus: adminProcedure.input(setUserStatusInput).mutation(async ({ ctx, input }) => {
    const result = await setUserStatus(actorScope(ctx), input.userId, input.status);
    // A disabled manager must stop receiving routed calls at once.
    invalidateStaff(ctx.user.tenantId);
    return result;
  }),
  regenerateInvite: adminProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) =>
      regenerateInvite(actorScope(ctx), input.userId, getConfig().publicUrl),
    ),
  linkWorkplace: adminProcedure.input(linkWorkplaceInput).mutation(async ({ ctx, input }) => {
    const result = await linkWorkplace(actorScope(ctx), input.userId, input.workplaceId);
    invalidateStaff(ctx.user.tenantId);
    return result;
  }),
});
