import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type WorkplaceRow = Outputs["directory"]["workplaces"][number];
export type NumberRow = Outputs["directory"]["numbers"][number];
export type PultUser = Outputs["users"]["list"][number];
export type { Notice } from "@/lib/ui/notice-region";
