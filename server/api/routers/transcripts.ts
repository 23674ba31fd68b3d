import {
  saveSpeechSettingsInput,
  transcriptCallInput,
  transcriptSearchInput,
} from "@/lib/schemas/speech";
import { getCallTranscript, deleteTranscript, retryTranscript } from "@/server/transcripts/queries";
import { searchTranscripts } from "@/server/transcripts/search";
import { getSpeechSettings, saveSpeechSettings } from "@/server/transcripts/settings";
import { testSpeechConnection } from "@/server/transcripts/test-connection";
import { adminProcedure, protectedProcedure, router, supervisorProcedure } from "@/server/api/trpc";

export const transcriptsRouter = router({
  byCall: protectedProcedure
    .input(transcriptCallInput)
    .query(({ ctx, input }) => getCallTranscript(ctx.actor, input.callId)),
  search: protectedProcedure
    .input(transcriptSearchInput)
    .query(({ ctx, input }) => searchTranscripts(ctx.actor, input)),
  retry: supervisorProcedure
    .input(transcriptCallInput)
    .mutation(({ ctx, input }) => retryTranscript(ctx.actor, input.callId)),
  delete: supervisorProcedure
    .input(transcriptCallInput)
    .mutation(({ ctx, input }) => deleteTranscript(ctx.actor, input.callId)),
  settings: adminProcedure.query(({ ctx }) => getSpeechSettings(ctx.actor.tenantId)),
  saveSettings: adminProcedure
    .input(saveSpeechSettingsInput)
    .mutation(({ ctx, input }) => saveSpeechSettings(ctx.actor, input)),
  testConnection: adminProcedure.mutation(({ ctx }) => testSpeechConnection(ctx.actor.tenantId)),
});
