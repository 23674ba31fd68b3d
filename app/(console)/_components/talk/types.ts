import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type CallTalkView = NonNullable<inferRouterOutputs<AppRouter>["talk"]["byCall"]>;
export type TalkReady = Extract<CallTalkView, { lanes: number[][] }>;
