import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/config";
import { REQUEST_PATH_HEADER } from "@/server/auth/request-headers";
import type { SessionUser } from "@/server/auth/session-user";

export type { SessionUser };

/** For server components and route handlers: the signed-in, still active user, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.id ? session.user : null;
}

export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "/live";
  redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
}
