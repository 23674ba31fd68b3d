import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type CallTranscriptView = NonNullable<
  inferRouterOutputs<AppRouter>["transcripts"]["byCall"]
>;
export type TranscriptWithRows = Extract<CallTranscriptView, { segments: unknown[] }>;
export type TranscriptSegmentView = TranscriptWithRows["segments"][number];
