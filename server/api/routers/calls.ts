import {
  callDetailInput,
  callHistoryInput,
  callIdInput,
  setPresenceInput,
} from "@/lib/schemas/calls";
import { getCallDetail } from "@/server/calls/detail";
import { getHistoryFilterOptions, listCallHistory } from "@/server/calls/history";
import { getClientCard, getLiveState, setPresence } from "@/server/calls/live";
import { protectedProcedure, router } from "@/server/api/trpc";

export const callsRouter = router({
  live: protectedProcedure.query(({ ctx }) => getLiveState(ctx.actor)),
  setPresence: protectedProcedure
    .input(setPresenceInput)
    .mutation(({ ctx, input }) => setPresence(ctx.actor, input.presence)),
  clientCard: protectedProcedure
    .input(callIdInput)
    .query(({ ctx, input }) => getClientCard(ctx.actor, input.callId)),
  history: protectedProcedure
    .input(callHistoryInput)
    .query(({ ctx, input }) => listCallHistory(ctx.actor, input)),
  historyFilterOptions: protectedProcedure.query(({ ctx }) => getHistoryFilterOptions(ctx.actor)),
  detail: protectedProcedure
    .input(callDetailInput)
    .query(({ ctx, input }) => getCallDetail(ctx.actor, input.id)),
});
