import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type Integration = inferRouterOutputs<AppRouter>["integration"]["get"];
export type IntegrationStatus = Integration["status"];
export type { Notice } from "@/lib/ui/notice-region";
