import type { Locale } from "@/lib/i18n/locales";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<Locale, Intl.RelativeTimeFormat>();

function formatterFor(locale: Locale): Intl.RelativeTimeFormat {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    formatters.set(locale, formatter);
  }
  return formatter;
}

// "in 2 hours", "5 minutes ago", "now": one unit, rounded, like a person would say it.
export function formatRelativeTime(locale: Locale, value: Date, now: number): string {
  const diff = value.getTime() - now;
  const abs = Math.abs(diff);
  const rtf = formatterFor(locale);
  if (abs < 45_000) return rtf.format(0, "second");
  if (abs < 45 * MINUTE) return rtf.format(Math.round(diff / MINUTE), "minute");
  if (abs < 36 * HOUR) return rtf.format(Math.round(diff / HOUR), "hour");
  if (abs < 45 * DAY) return rtf.format(Math.round(diff / DAY), "day");
  return rtf.format(Math.round(diff / (30 * DAY)), "month");
}
