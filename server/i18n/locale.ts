import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "@/server/auth/session";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { createTranslator, type Translate } from "@/lib/i18n/translate";

// Cached per request: the root layout, the page and generateMetadata all ask.
export const getLocale = cache(async (): Promise<Locale> => {
  const [user, cookieStore, headerList] = await Promise.all([
    getSessionUser(),
    cookies(),
    headers(),
  ]);
  return resolveLocale({
    userLocale: user?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
});

export async function getTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: createTranslator(locale) };
}
