import { isAdminRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ForbiddenState } from "@/app/(console)/_components/forbidden-state";
import { OrganizationManager } from "@/app/(console)/settings/organization/_components/organization-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.organization") };
}

export default async function OrganizationPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (!isAdminRole(user.role)) return <ForbiddenState t={t} />;
  return <OrganizationManager />;
}
