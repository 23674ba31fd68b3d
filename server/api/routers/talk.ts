import { reportFiltersInput } from "@/lib/schemas/reports";
import { callTalkInput } from "@/lib/schemas/talk";
import { buildTalkAverages } from "@/server/talk-analytics/report";
import { getCallTalk, rerunTalkAnalysis } from "@/server/talk-analytics/queries";
import { protectedProcedure, router, supervisorProcedure } from "@/server/api/trpc";

export const talkRouter = router({
  byCall: protectedProcedure
    .input(callTalkInput)
    .query(({ ctx, input }) => getCallTalk(ctx.actor, input.callId)),
  rerun: supervisorProcedure
    .input(callTalkInput)
    .mutation(({ ctx, input }) => rerunTalkAnalysis(ctx.actor, input.callId)),
  managerAverages: supervisorProcedure
    .input(reportFiltersInput)
    .query(({ ctx, input }) => buildTalkAverages(ctx.actor.tenantId, input)),
});
