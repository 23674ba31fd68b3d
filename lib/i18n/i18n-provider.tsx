"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { I18nProvider as AriaI18nProvider } from "react-aria-components";
import type { Locale } from "@/lib/i18n/locales";
import { createTranslator, type Translate } from "@/lib/i18n/translate";

type I18nValue = { locale: Locale; t: Translate };

const I18nContext = createContext<I18nValue | null>(null);

// Only the locale crosses the server→client boundary; both dictionaries are small enough
// to ship with the client bundle.
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator(locale) }), [locale]);
  // React Aria's widgets (their hidden labels, search, typeahead) follow the same language.
  return (
    <I18nContext.Provider value={value}>
      <AriaI18nProvider locale={locale === "ru" ? "ru-RU" : "en-US"}>{children}</AriaI18nProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
