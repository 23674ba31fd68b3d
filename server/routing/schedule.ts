import type { Schedule } from "../../lib/schemas/routing";

export type LocalTime = { date: string; weekday: number; minutes: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock in a time zone: local date, ISO weekday (1 = Monday) and minutes since midnight. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(now)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The calendar day before a local date (no time zone involved: plain date arithmetic). */
export function previousDay(local: LocalTime): { date: string; weekday: number } {
  const day = new Date(`${local.date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return {
    date: day.toISOString().slice(0, 10),
    weekday: local.weekday === 1 ? 7 : local.weekday - 1,
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function dayAllowed(schedule: Schedule, date: string, weekday: number): boolean {
  const isHoliday = schedule.holidays.includes(date);
  if (schedule.holidayMode === "only") return isHoliday;
  return !isHoliday && schedule.weekdays.includes(weekday);
}

/**
 * Whether a moment falls into the schedule. A window that ends before it starts (22:00–02:00)
 * crosses midnight and belongs to the day it starts on: Friday 22:00–02:00 covers Saturday
 * 01:00, and a holiday on Friday removes the whole night.
 */
export function scheduleMatches(schedule: Schedule, local: LocalTime): boolean {
  if (schedule.windows.length === 0) return dayAllowed(schedule, local.date, local.weekday);
  const today = dayAllowed(schedule, local.date, local.weekday);
  const yesterday = previousDay(local);
  const fromYesterday = dayAllowed(schedule, yesterday.date, yesterday.weekday);
  return schedule.windows.some((window) => {
    const start = toMinutes(window.start);
    const end = toMinutes(window.end);
    if (start < end) return today && local.minutes >= start && local.minutes < end;
    return (today && local.minutes >= start) || (fromYesterday && local.minutes < end);
  });
}

/** "2026-11-26T14:30" in a time zone → the instant (handles DST by one correction pass). */
export function zonedLocalToDate(localDateTime: string, timeZone: string): Date {
  const asUtc = new Date(`${localDateTime}:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(localDateTime) || Number.isNaN(asUtc.getTime()))
    throw new RangeError(`Invalid local time ${localDateTime}`);
  let guess = asUtc.getTime();
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(guess), timeZone);
    const shownAsUtc = Date.parse(
      `${local.date}T${String(Math.floor(local.minutes / 60)).padStart(2, "0")}:${String(local.minutes % 60).padStart(2, "0")}:00Z`,
    );
    guess += asUtc.getTime() - shownAsUtc;
  }
  return new Date(guess);
}
