import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

// Client-side: remember this browser's language for a year (read back by getLocale()).
export function writeLocaleCookie(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
