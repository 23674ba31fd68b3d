import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import type { BadgeTone } from "@/lib/ui/badge";
import type { IconName } from "@/lib/ui/icon";

export type CallDirection = "IN" | "OUT" | "INTERNAL";
export type CallResult = "ANSWERED" | "MISSED" | "BUSY" | "FAILED";

export const directionIcons: Record<CallDirection, IconName> = {
  IN: "phoneIncoming",
  OUT: "phoneOutgoing",
  INTERNAL: "headset",
};

// The person on the other end, and the company's own number involved.
export function counterpartOf(call: { direction: string; fromNumber: string; toNumber: string }) {
  return call.direction === "OUT" ? call.toNumber : call.fromNumber;
}
export function companyNumberOf(call: { direction: string; fromNumber: string; toNumber: string }) {
  return call.direction === "OUT" ? call.fromNumber : call.toNumber;
}

const resultTones: Record<CallResult, BadgeTone> = {
  ANSWERED: "success",
  MISSED: "danger",
  BUSY: "warning",
  FAILED: "danger",
};

/** An outgoing call nobody picked up is "no answer", not a missed call of ours. */
export function describeResult(
  t: Translate,
  call: { direction: CallDirection; result: CallResult | null },
): { label: string; tone: BadgeTone } {
  if (!call.result) return { label: t("calls.result.unknown"), tone: "neutral" };
  if (call.direction === "OUT" && call.result === "MISSED")
    return { label: t("calls.result.noAnswer"), tone: "warning" };
  return { label: t(`calls.result.${call.result}`), tone: resultTones[call.result] };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "26 Nov, 14:05" in the company's time zone. */
export function formatCallTime(locale: Locale, timeZone: string, value: Date): string {
  return formatter(locale, timeZone, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(value);
}

export function formatFullTime(locale: Locale, timeZone: string, value: Date): string {
  return formatter(locale, timeZone, {
    dateStyle: "medium",
    timeStyle: "medium",
  }).format(value);
}

export function formatClockTime(locale: Locale, timeZone: string, value: Date): string {
  return formatter(locale, timeZone, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(value);
}
