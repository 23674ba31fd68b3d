import type { ReactNode } from "react";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { PageHeader } from "@/lib/ui/page-header";
import { SettingsNav } from "./_components/settings-nav";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  return (
    <>
      <PageHeader title={t("settings.title")} />
      <SettingsNav isAdmin={user.role === "ADMIN"} />
      <div className="mt-6">{children}</div>
    </>
  );
}
