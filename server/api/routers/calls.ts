import {
  callDetailInput,
  callHistoryInput,
  callIdInput,
  setPresenceInput,
} from "../../../lib/schemas/calls";
import { getCallDetail } from "../../calls/detail";
import { getHistoryFilterOptions, historyScopeOf, listCallHistory } from "../../calls/history";
import { getClientCard, getLiveState, setPresence } from "../../calls/live";
import { protectedProcedure, router } from "../trpc";

export const callsRouter = router({
  live: protectedProcedure.query(({ ctx }) => getLiveState(ctx.user)),
  setPresence: protectedProcedure
    .input(setPresenceInput)
    .mutation(({ ctx, input }) => setPresence(ctx.user, input.presence)),
  clientCard: protectedProcedure
    .input(callIdInput)
    .query(({ ctx, input }) => getClientCard(ctx.user, input.callId)),
  history: protectedProcedure
    .input(callHistoryInput)
    .query(({ ctx, input }) => listCallHistory(historyScopeOf(ctx.user), input)),
  historyFilterOptions: protectedProcedure.query(({ ctx }) =>
    getHistoryFilterOptions(historyScopeOf(ctx.user)),
  ),
  detail: protectedProcedure
    .input(callDetailInput)
    .query(({ ctx, input }) => getCallDetail(historyScopeOf(ctx.user), input.id)),
});
