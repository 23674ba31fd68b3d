// Wall clocks and calendar days in a tenant's IANA time zone. The zone rules come from
// @date-fns/tz (TZDate, backed by the runtime's Intl zone database); this is the only module that
// does zone arithmetic, so daylight-saving edge cases are handled — and tested — in one place.
import { TZDate, tzOffset } from "@date-fns/tz";

/** A calendar day, month 1-12. */
export type LocalDate = { year: number; month: number; day: number };
/** The wall clock at an instant: ISO weekday (1 = Monday … 7 = Sunday), minutes since midnight. */
export type WallClock = LocalDate & {
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function wallClockOf(instant: Date, timeZone: string): WallClock {
  const local = new TZDate(instant.getTime(), timeZone);
  return {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
    weekday: local.getDay() === 0 ? 7 : local.getDay(),
  };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClockOf(instant, timeZone);
  return { year, month, day };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return tzOffset(timeZone, instant) * 60_000;
}

/**
 * The instant a local calendar day starts. Usually midnight; where the clocks jump forward at
 * midnight (America/Santiago, some years) the day starts at the first wall-clock time that exists.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(new TZDate(date.year, date.month - 1, date.day, timeZone).getTime());
}

/** The instant today started, in the zone, for the day `instant` falls on. */
export function startOfZonedDay(instant: Date, timeZone: string): Date {
  return startOfLocalDay(localDateOf(instant, timeZone), timeZone);
}

/** Plain calendar arithmetic, no zone involved. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday (1 = Monday) of a calendar day. */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "2026-03-29" → a local date; null when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** A local date as "YYYY-MM-DD". */
export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * "2026-11-26T14:30" in a zone → the instant. A time skipped by a spring-forward change moves
 * forward by the gap (02:30 → 03:30 in Berlin on the last Sunday of March).
 */
export function zonedLocalToDate(localDateTime: string, timeZone: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(localDateTime);
  const date = match ? parseLocalDate(match[1] ?? "") : null;
  const [hour, minute] = [Number(match?.[2]), Number(match?.[3])];
  if (!date || !(hour < 24) || !(minute < 60))
    throw new RangeError(`Invalid local time ${localDateTime}`);
  const local = new TZDate(date.year, date.month - 1, date.day, hour, minute, timeZone);
  return new Date(local.getTime());
}

/** "2026-11-26 14:05:09" (or the `separator`-joined date and time) on the zone's wall clock. */
export function formatZoned(
  instant: Date,
  timeZone: string,
  options: { separator?: string; timeSeparator?: string; seconds?: boolean } = {},
): string {
  const { separator = " ", timeSeparator = ":", seconds = true } = options;
  const w = wallClockOf(instant, timeZone);
  const time = [w.hour, w.minute, ...(seconds ? [w.second] : [])].map((n) => pad(n));
  return `${formatLocalDate(w)}${separator}${time.join(timeSeparator)}`;
}
