"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";

const tabs = [
  { key: "profile", href: "/settings/profile", isAdminOnly: false },
  { key: "users", href: "/settings/users", isAdminOnly: true },
  { key: "telephony", href: "/settings/telephony", isAdminOnly: true },
  { key: "workplaces", href: "/settings/workplaces", isAdminOnly: true },
  { key: "organization", href: "/settings/organization", isAdminOnly: true },
  { key: "apiKeys", href: "/settings/api-keys", isAdminOnly: true },
  { key: "audit", href: "/settings/audit", isAdminOnly: true },
] as const;

// Non-admins only see their profile; the admin pages still refuse them on their own.
export function SettingsNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const { t } = useI18n();
  return (
    <nav aria-label={t("settings.navLabel")} className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs
          .filter((tab) => isAdmin || !tab.isAdminOnly)
          .map((tab) => {
            const isActive = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
            return (
              <li key={tab.key}>
                <Link
                  href={tab.href}
                  aria-current={isActive ? "page" : undefined}
                  data-testid={`settings-tab-${tab.key}`}
                  className={cn(
                    "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
                    isActive
                      ? "border-brand-600 text-brand-700"
                      : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                  )}
                >
                  {t(`settings.${tab.key}`)}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
