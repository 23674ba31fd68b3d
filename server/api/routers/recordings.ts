import {
  recordingAuditInput,
  recordingIdInput,
  recordingListInput,
  recordingsByCallInput,
} from "../../../lib/schemas/recordings";
import { retryRecording } from "../../recordings/pipeline";
import {
  getRecording,
  listCallRecordings,
  listRecordingAudit,
  listRecordingManagers,
  listRecordings,
} from "../../recordings/queries";
import { actorScope } from "../scope";
import { adminProcedure, protectedProcedure, router } from "../trpc";

export const recordingsRouter = router({
  list: protectedProcedure
    .input(recordingListInput)
    .query(({ ctx, input }) => listRecordings(ctx.user, input)),
  get: protectedProcedure
    .input(recordingIdInput)
    .query(({ ctx, input }) => getRecording(ctx.user, input.id)),
  byCall: protectedProcedure
    .input(recordingsByCallInput)
    .query(({ ctx, input }) => listCallRecordings(ctx.user, input.callId)),
  managers: protectedProcedure.query(({ ctx }) => listRecordingManagers(ctx.user)),
  retry: adminProcedure
    .input(recordingIdInput)
    .mutation(({ ctx, input }) => retryRecording(actorScope(ctx), input.id)),
  auditLog: adminProcedure
    .input(recordingAuditInput)
    .query(({ ctx, input }) => listRecordingAudit(ctx.user.tenantId, input)),
});
