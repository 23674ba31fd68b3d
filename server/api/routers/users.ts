import {
  inviteUserInput,
  setUserStatusInput,
  updateUserInput,
  userIdInput,
} from "../../../lib/schemas/users";
import { getConfig } from "../../config";
import {
  inviteUser,
  listUsers,
  regenerateInvite,
  setUserStatus,
  updateUser,
} from "../../users/users";
import { adminProcedure, router } from "../trpc";

const scopeOf = (ctx: { user: { tenantId: string; id: string }; ip: string | null }) => ({
  tenantId: ctx.user.tenantId,
  actorId: ctx.user.id,
  ip: ctx.ip,
});

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.user.tenantId)),
  invite: adminProcedure
    .input(inviteUserInput)
    .mutation(({ ctx, input }) => inviteUser(scopeOf(ctx), input, getConfig().publicUrl)),
  update: adminProcedure
    .input(updateUserInput)
    .mutation(({ ctx, input }) => updateUser(scopeOf(ctx), input)),
  setStatus: adminProcedure
    .input(setUserStatusInput)
    .mutation(({ ctx, input }) => setUserStatus(scopeOf(ctx), input.userId, input.status)),
  regenerateInvite: adminProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) =>
      regenerateInvite(scopeOf(ctx), input.userId, getConfig().publicUrl),
    ),
});
