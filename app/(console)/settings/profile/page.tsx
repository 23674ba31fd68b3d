import type { Metadata } from "next";
import { getServerCaller } from "@/server/api/caller";
import { getTranslator } from "@/server/i18n/locale";
import { RoleBadge } from "@/app/(console)/_components/role-badge";
import { UserLanguageSwitch } from "@/app/(console)/_components/user-language-switch";
import { CallAlertsSettings } from "@/app/(console)/settings/profile/_components/call-alerts-settings";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.profile") };
}

export default async function ProfilePage() {
  const [caller, { t }] = await Promise.all([getServerCaller(), getTranslator()]);
  const me = await caller.me.get();
  const rows = [
    { label: t("profile.name"), value: me.name, testId: "profile-name" },
    { label: t("profile.email"), value: me.email, testId: "profile-email" },
  ];
  return (
    <section className="max-w-2xl rounded-xl border border-slate-200 bg-white">
      <div className="border-b border-slate-200 px-6 py-4">
        <h2 className="text-base font-semibold text-slate-900">{t("settings.profile")}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {t("profile.description", { company: me.tenant.name })}
        </p>
      </div>
      <dl className="divide-y divide-slate-100 px-6">
        {rows.map((row) => (
          <div key={row.testId} className="grid gap-1 py-4 sm:grid-cols-3 sm:gap-4">
            <dt className="text-sm font-medium text-slate-600">{row.label}</dt>
            <dd className="text-sm break-all text-slate-900 sm:col-span-2" data-testid={row.testId}>
              {row.value}
            </dd>
          </div>
        ))}
        <div className="grid gap-1 py-4 sm:grid-cols-3 sm:gap-4">
          <dt className="text-sm font-medium text-slate-600">{t("profile.role")}</dt>
          <dd className="sm:col-span-2">
            <RoleBadge role={me.role} label={t(`role.${me.role}`)} testId="profile-role" />
          </dd>
        </div>
        <div className="grid gap-1 py-4 sm:grid-cols-3 sm:gap-4">
          <dt className="text-sm font-medium text-slate-600">{t("profile.language")}</dt>
          <dd className="sm:col-span-2">
            <UserLanguageSwitch />
            <p className="mt-2 text-xs text-slate-500">{t("profile.languageHint")}</p>
          </dd>
        </div>
        <div className="grid gap-1 py-4 sm:grid-cols-3 sm:gap-4">
          <dt className="text-sm font-medium text-slate-600">{t("profile.notifications")}</dt>
          <dd className="sm:col-span-2">
            <CallAlertsSettings userId={me.id} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
