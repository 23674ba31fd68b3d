import type { Locale, Role } from "@/lib/schemas/users";
import { getDb } from "@/server/db";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  locale: Locale | null;
};

/**
 * The session is only a pointer: every request re-reads the user, so disabling someone or
 * changing their role takes effect at once (sessionVersion is bumped on such changes).
 */
export async function loadSessionUser(
  userId: string,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      tenantId: true,
      locale: true,
      status: true,
      sessionVersion: true,
    },
  });
  if (!user || user.status !== "ACTIVE" || user.sessionVersion !== sessionVersion) return null;
  const locale = user.locale === "ru" || user.locale === "en" ? user.locale : null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    tenantId: user.tenantId,
    locale,
  };
}

export async function getSessionVersion(userId: string): Promise<number | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  return user?.sessionVersion ?? null;
}
