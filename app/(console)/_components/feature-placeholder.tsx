import Link from "next/link";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import type { NavSection } from "./nav-items";
import { navItems } from "./nav-items";

type FeatureSection = Exclude<NavSection, "settings">;

// The console sections that arrive in later releases: an honest empty state saying what
// will appear and what has to happen first (connecting the PBX).
export async function FeaturePlaceholder({ section }: { section: FeatureSection }) {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  const icon = navItems.find((item) => item.section === section)?.icon ?? "live";
  return (
    <>
      <PageHeader title={t(`${section}.title`)} />
      <EmptyState icon={icon} title={t(`${section}.emptyTitle`)} testId={`${section}-empty`}>
        <p>{t(`${section}.emptyBody`)}</p>
        {user.role === "ADMIN" ? (
          <>
            <p className="font-medium text-slate-800">{t("setup.needPbxAdmin")}</p>
            <Link
              href="/settings/telephony"
              className={buttonClass("primary")}
              data-testid="setup-telephony-link"
            >
              {t("setup.openTelephony")}
            </Link>
          </>
        ) : (
          <p className="font-medium text-slate-800">{t("setup.needPbxOther")}</p>
        )}
      </EmptyState>
    </>
  );
}
