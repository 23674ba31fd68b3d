import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type CallDetail = inferRouterOutputs<AppRouter>["calls"]["detail"];
export type TimelineItem = CallDetail["timeline"][number];
export type RoutingInfo = NonNullable<CallDetail["routing"]>;
