import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type ApiKeyRow = inferRouterOutputs<AppRouter>["apiKeys"]["list"][number];

export type ApiKeyState = "active" | "revoked" | "expired";

export function keyState(
  key: Pick<ApiKeyRow, "revokedAt" | "expiresAt">,
  now: number,
): ApiKeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now) return "expired";
  return "active";
}
