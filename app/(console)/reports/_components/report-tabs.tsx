import Link from "next/link";
import { getTranslator } from "@/server/i18n/locale";
import { cn } from "@/lib/ui/cn";

/** Calls (the per-manager call figures) and Quality (evaluations) as two tabs of /reports. */
export async function ReportTabs({ active }: { active: "calls" | "quality" }) {
  const { t } = await getTranslator();
  const tabs = [
    { id: "calls", href: "/reports", label: t("reports.tabCalls") },
    { id: "quality", href: "/reports?tab=quality", label: t("reports.tabQuality") },
  ] as const;
  return (
    <nav aria-label={t("reports.tabsLabel")} className="mb-4 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={active === tab.id ? "page" : undefined}
          data-testid={`reports-tab-${tab.id}`}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            active === tab.id
              ? "border-brand-600 text-brand-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
