import { isAdminRole } from "@/lib/roles";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { PageHeader } from "@/lib/ui/page-header";
import { Alert } from "@/lib/ui/alert";
import { countAutoDisabledEndpoints } from "@/server/webhooks/endpoints";
import { SettingsNav } from "@/app/(console)/settings/_components/settings-nav";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  const isAdmin = isAdminRole(user.role);
  // An endpoint Pult disabled for failing is news for every admin, whichever tab they open.
  const disabledHooks = isAdmin ? await countAutoDisabledEndpoints(user.tenantId) : 0;
  return (
    <>
      <PageHeader title={t("settings.title")} />
      {disabledHooks > 0 ? (
        <Alert tone="warning" className="mb-4" testId="settings-webhooks-disabled">
          <Link href="/settings/webhooks" className="underline">
            {t("webhooks.disabledCount", { count: disabledHooks })}
          </Link>
        </Alert>
      ) : null}
      <SettingsNav isAdmin={isAdmin} />
      <div className="mt-6">{children}</div>
    </>
  );
}
