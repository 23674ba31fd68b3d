import { makeCallInput, transferCallInput } from "../../../lib/schemas/control";
import { makeClickToCall, transferActiveCall } from "../../calls/control";
import { getDb } from "../../db";
import { protectedProcedure, router } from "../trpc";

export const controlRouter = router({
  /** Whether the signed-in user can place calls: the call buttons explain when not. */
  status: protectedProcedure.query(async ({ ctx }) => {
    const user = await getDb().user.findFirst({
      where: { id: ctx.user.id, tenantId: ctx.user.tenantId },
      select: { workplace: { select: { id: true, name: true, archivedAt: true } } },
    });
    const workplace = user?.workplace && !user.workplace.archivedAt ? user.workplace : null;
    return { workplace: workplace ? { id: workplace.id, name: workplace.name } : null };
  }),
  makeCall: protectedProcedure
    .input(makeCallInput)
    .mutation(({ ctx, input }) => makeClickToCall({ ...ctx.user, ip: ctx.ip }, input)),
  transfer: protectedProcedure
    .input(transferCallInput)
    .mutation(({ ctx, input }) => transferActiveCall({ ...ctx.user, ip: ctx.ip }, input)),
});
