"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { ScrollX } from "@/lib/ui/scroll-x";

const tabs = [
  { key: "profile", href: "/settings/profile", isAdminOnly: false },
  { key: "users", href: "/settings/users", isAdminOnly: true },
  { key: "telephony", href: "/settings/telephony", isAdminOnly: true },
  { key: "workplaces", href: "/settings/workplaces", isAdminOnly: true },
  { key: "organization", href: "/settings/organization", isAdminOnly: true },
  { key: "apiKeys", href: "/settings/api-keys", isAdminOnly: true },
  { key: "webhooks", href: "/settings/webhooks", isAdminOnly: true },
  { key: "speech", href: "/settings/speech", isAdminOnly: true },
  { key: "audit", href: "/settings/audit", isAdminOnly: true },
] as const;

// Non-admins only see their profile; the admin pages still refuse them on their own.
export function SettingsNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const { t } = useI18n();
  const navRef = useRef<HTMLElement>(null);
  // On a phone the current tab may sit past the edge of the scrolling row: bring it in.
  useEffect(() => {
    navRef.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label={t("settings.navLabel")}>
      {/* On phones the tabs scroll sideways; the baseline is an inset shadow so the current
          tab's underline covers it without leaving the scroll box. */}
      <ScrollX label={t("settings.navLabel")}>
        <ul className="flex w-max min-w-full gap-1 shadow-[inset_0_-1px_0_var(--color-slate-200)]">
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
      </ScrollX>
    </nav>
  );
}
