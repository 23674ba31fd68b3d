"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { cn } from "@/lib/ui/cn";

type LanguageSwitchProps = {
  onChange: (locale: Locale) => void;
  isPending?: boolean;
  className?: string;
};

// Two toggle buttons rather than a <select>: one click, and both options stay visible.
export function LanguageSwitch({ onChange, isPending = false, className }: LanguageSwitchProps) {
  const { locale, t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t("language.label")}
      aria-busy={isPending || undefined}
      className={cn("inline-flex rounded-md border border-slate-300 bg-white p-0.5", className)}
    >
      {LOCALES.map((option) => {
        const isCurrent = option === locale;
        return (
          <button
            key={option}
            type="button"
            lang={option}
            aria-pressed={isCurrent}
            title={t(`language.${option}`)}
            disabled={isPending}
            data-testid={`lang-${option}`}
            onClick={() => {
              if (!isCurrent) onChange(option);
            }}
            className={cn(
              "rounded px-2.5 py-1 text-xs font-semibold uppercase transition-colors",
              isCurrent ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100",
            )}
          >
            <span aria-hidden>{option}</span>
            <span className="sr-only">{t(`language.${option}`)}</span>
          </button>
        );
      })}
    </div>
  );
}
