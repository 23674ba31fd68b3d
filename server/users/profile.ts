import type { Locale } from "@/lib/schemas/users";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";

export async function getProfile(tenantId: string, userId: string) {
  const user = await getDb().user.findFirst({
    where: { id: userId, tenantId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      tenant: { select: { id: true, name: true } },
      workplace: { select: { id: true, name: true } },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "User not found");
  return user;
}

export async function setUserLocale(tenantId: string, userId: string, locale: Locale) {
  await getDb().user.updateMany({ where: { id: userId, tenantId }, data: { locale } });
  return { locale };
}
