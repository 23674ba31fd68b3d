import { acceptInviteInput, inviteTokenInput } from "@/lib/schemas/users";
import { acceptInvite, getInvite } from "@/server/users/invites";
import { publicProcedure, router } from "@/server/api/trpc";

// Public on purpose: the token in the link is the credential.
export const invitesRouter = router({
  get: publicProcedure.input(inviteTokenInput).query(({ input }) => getInvite(input.token)),
  accept: publicProcedure
    .input(acceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(input, ctx.ip)),
});
