import type { Schedule } from "@/lib/schemas/routing";
import { formatLocalDate, wallClockOf } from "@/lib/zoned-time";

export type LocalTime = { date: string; weekday: number; minutes: number };

/** The wall clock in a time zone: local date, ISO weekday (1 = Monday) and minutes since midnight. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const clock = wallClockOf(now, timeZone);
  return {
    date: formatLocalDate(clock),
    weekday: clock.weekday,
    minutes: clock.hour * 60 + clock.minute,
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
