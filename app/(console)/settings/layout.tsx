import { isAdminRole } from "@/lib/roles";
import type { ReactNode } from "react";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { PageHeader } from "@/lib/ui/page-header";
import { SettingsNav } from "@/app/(console)/settings/_components/settings-nav";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  return (
    <>
      <PageHeader title={t("settings.title")} />
      <SettingsNav isAdmin={isAdminRole(user.role)} />
      <div className="mt-6">{children}</div>
    </>
  );
}
