import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type CallsOutputs = inferRouterOutputs<AppRouter>["calls"];

export type LiveData = CallsOutputs["live"];
export type LiveCall = LiveData["calls"][number];
export type ManagerStatus = LiveData["managers"][number];
export type Presence = ManagerStatus["presence"];
export type ClientCard = CallsOutputs["clientCard"];
