import { pingDatabase } from "@/server/db";

export type Health = { status: "ok" | "error"; db: "ok" | "error" };

export async function checkHealth(): Promise<Health> {
  const dbOk = await pingDatabase().catch(() => false);
  return { status: dbOk ? "ok" : "error", db: dbOk ? "ok" : "error" };
}
