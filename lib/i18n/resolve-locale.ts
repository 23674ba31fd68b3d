import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

type LocaleSources = {
  userLocale?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
};

// Precedence: the user's saved choice, then this browser's choice, then what the browser
// asks for, then Russian (Pult's home market).
export function resolveLocale({ userLocale, cookie, acceptLanguage }: LocaleSources): Locale {
  if (isLocale(userLocale)) return userLocale;
  if (isLocale(cookie)) return cookie;
  return pickFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

export function pickFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q, index };
    })
    .filter((range) => Number.isFinite(range.q) && range.q > 0)
    // Highest quality first; equal qualities keep the order the browser sent.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (isLocale(range.lang)) return range.lang;
  }
  return null;
}
