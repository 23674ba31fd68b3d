import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type UserRow = inferRouterOutputs<AppRouter>["users"]["list"][number];
export type InviteLink = { name: string; email: string; inviteUrl: string; expiresAt: Date };
export type { Notice } from "@/lib/ui/notice-region";
