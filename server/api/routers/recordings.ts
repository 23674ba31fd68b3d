import {
  recordingAuditInput,
  recordingIdInput,
  recordingListInput,
  recordingsByCallInput,
} from "@/lib/schemas/recordings";
import { retryRecording } from "@/server/recordings/pipeline";
import {
  getRecording,
  listCallRecordings,
  listRecordingAudit,
  listRecordingManagers,
  listRecordings,
} from "@/server/recordings/queries";
import { adminProcedure, protectedProcedure, router } from "@/server/api/trpc";

export const recordingsRouter = router({
  list: protectedProcedure
    .input(recordingListInput)
    .query(({ ctx, input }) => listRecordings(ctx.actor, input)),
  get: protectedProcedure
    .input(recordingIdInput)
    .query(({ ctx, input }) => getRecording(ctx.actor, input.id)),
  byCall: protectedProcedure
    .input(recordingsByCallInput)
    .query(({ ctx, input }) => listCallRecordings(ctx.actor, input.callId)),
  managers: protectedProcedure.query(({ ctx }) => listRecordingManagers(ctx.actor)),
  retry: adminProcedure
    .input(recordingIdInput)
    .mutation(({ ctx, input }) => retryRecording(ctx.actor, input.id)),
  auditLog: adminProcedure
    .input(recordingAuditInput)
    .query(({ ctx, input }) => listRecordingAudit(ctx.user.tenantId, input)),
});
