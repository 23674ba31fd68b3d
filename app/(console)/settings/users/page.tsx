import { isAdminRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ForbiddenState } from "@/app/(console)/_components/forbidden-state";
import { UsersManager } from "@/app/(console)/settings/users/_components/users-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.users") };
}

export default async function UsersPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (!isAdminRole(user.role)) return <ForbiddenState t={t} />;
  return <UsersManager currentUserId={user.id} />;
}
