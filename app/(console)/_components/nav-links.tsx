"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { Icon } from "@/lib/ui/icon";
import { isActivePath, navItems } from "@/app/(console)/_components/nav-items";
import { TasksNavBadge } from "@/app/(console)/_components/tasks-nav-badge";

type NavLinksProps = { onNavigate?: () => void };

export function NavLinks({ onNavigate }: NavLinksProps) {
  const pathname = usePathname();
  const { t } = useI18n();
  return (
    <nav aria-label={t("nav.label")} className="px-3 py-4">
      <ul className="space-y-1">
        {navItems.map(({ section, href, icon }) => {
          const isActive = isActivePath(pathname, href);
          return (
            <li key={section}>
              <Link
                href={href}
                onClick={onNavigate}
                aria-current={isActive ? "page" : undefined}
                data-testid={`nav-${section}`}
                className={cn(
                  "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  isActive
                    ? "bg-brand-50 text-brand-800"
                    : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                <Icon name={icon} className={isActive ? "text-brand-600" : "text-slate-400"} />
                {t(`nav.${section}`)}
                {section === "tasks" && <TasksNavBadge isActive={isActive} />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
