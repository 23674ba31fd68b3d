import { linkWorkplaceInput } from "../../../lib/schemas/integration";
import {
  inviteUserInput,
  setUserStatusInput,
  updateUserInput,
  userIdInput,
} from "../../../lib/schemas/users";
import { getConfig } from "../../config";
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
  update: adminProcedure
    .input(updateUserInput)
    .mutation(({ ctx, input }) => updateUser(actorScope(ctx), input)),
  setStatus: adminProcedure
    .input(setUserStatusInput)
    .mutation(({ ctx, input }) => setUserStatus(actorScope(ctx), input.userId, input.status)),
  regenerateInvite: adminProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) =>
      regenerateInvite(actorScope(ctx), input.userId, getConfig().publicUrl),
    ),
  linkWorkplace: adminProcedure
    .input(linkWorkplaceInput)
    .mutation(({ ctx, input }) => linkWorkplace(actorScope(ctx), input.userId, input.workplaceId)),
});
