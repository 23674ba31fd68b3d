import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type RecordingView = inferRouterOutputs<AppRouter>["recordings"]["get"];
export type RecordingFileView = RecordingView["files"][number];
export type RecordingListItem =
  inferRouterOutputs<AppRouter>["recordings"]["list"]["items"][number];
