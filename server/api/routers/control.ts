import { makeCallInput, transferCallInput } from "@/lib/schemas/control";
import { getCallingStatus, makeClickToCall, transferActiveCall } from "@/server/calls/control";
import { protectedProcedure, router } from "@/server/api/trpc";

export const controlRouter = router({
  /** Whether the signed-in user can place calls: the call buttons explain when not. */
  status: protectedProcedure.query(({ ctx }) => getCallingStatus(ctx.actor)),
  makeCall: protectedProcedure
    .input(makeCallInput)
    .mutation(({ ctx, input }) => makeClickToCall(ctx.actor, input)),
  transfer: protectedProcedure
    .input(transferCallInput)
    .mutation(({ ctx, input }) => transferActiveCall(ctx.actor, input)),
});
