import { describe, expect, it } from "vitest";
import type { Schedule } from "@/lib/schemas/routing";
import { zonedLocalToDate } from "@/lib/zoned-time";
import { localTime, previousDay, scheduleMatches } from "@/server/routing/schedule";

const weekdays = [1, 2, 3, 4, 5];
const schedule = (over: Partial<Schedule> = {}): Schedule => ({
  weekdays,
  windows: [{ start: "09:00", end: "18:00" }],
  holidays: [],
  holidayMode: "exclude",
  ...over,
});
// 2026-11-27 is a Friday.
const at = (iso: string, tz = "Europe/Moscow") => localTime(new Date(iso), tz);

describe("localTime", () => {
  it("reads the wall clock of the tenant's time zone, not UTC", () => {
    // 23:30 UTC on Thursday is 02:30 on Friday in Moscow (UTC+3).
    expect(at("2026-11-26T23:30:00Z")).toEqual({ date: "2026-11-27", weekday: 5, minutes: 150 });
    expect(at("2026-11-26T23:30:00Z", "America/New_York")).toEqual({
      date: "2026-11-26",
      weekday: 4,
      minutes: 18 * 60 + 30,
    });
    expect(at("2026-11-29T12:00:00Z", "Asia/Vladivostok").weekday).toBe(7);
  });

  it("steps back over month, year and Monday boundaries", () => {
    expect(previousDay({ date: "2026-03-01", weekday: 7, minutes: 0 })).toEqual({
      date: "2026-02-28",
      weekday: 6,
    });
    expect(previousDay({ date: "2027-01-01", weekday: 1, minutes: 0 })).toEqual({
      date: "2026-12-31",
      weekday: 7,
    });
  });

  it("converts a local date-time back to the instant, across DST", () => {
    expect(zonedLocalToDate("2026-11-27T09:00", "Europe/Moscow").toISOString()).toBe(
      "2026-11-27T06:00:00.000Z",
    );
    // New York: EDT (UTC-4) in July, EST (UTC-5) in November.
    expect(zonedLocalToDate("2026-07-01T09:00", "America/New_York").toISOString()).toBe(
      "2026-07-01T13:00:00.000Z",
    );
    expect(zonedLocalToDate("2026-11-27T09:00", "America/New_York").toISOString()).toBe(
      "2026-11-27T14:00:00.000Z",
    );
    expect(() => zonedLocalToDate("nonsense", "UTC")).toThrow(RangeError);
  });
});

describe("scheduleMatches", () => {
  it("office hours: start inclusive, end exclusive, weekdays only", () => {
    const s = schedule();
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 9 * 60 })).toBe(true);
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 18 * 60 - 1 })).toBe(true);
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 18 * 60 })).toBe(false);
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 8 * 60 + 59 })).toBe(
      false,
    );
    expect(scheduleMatches(s, { date: "2026-11-28", weekday: 6, minutes: 12 * 60 })).toBe(false);
  });

  it("no windows means the whole allowed day", () => {
    const s = schedule({ windows: [], weekdays: [6, 7] });
    expect(scheduleMatches(s, { date: "2026-11-28", weekday: 6, minutes: 0 })).toBe(true);
    expect(scheduleMatches(s, { date: "2026-11-29", weekday: 7, minutes: 1439 })).toBe(true);
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 600 })).toBe(false);
  });

  it("a window across midnight belongs to the day it starts on", () => {
    const night = schedule({ weekdays: [5], windows: [{ start: "22:00", end: "02:00" }] });
    // Friday 23:00 and the small hours of Saturday are in; Friday 01:00 (Thursday's night) is not.
    expect(scheduleMatches(night, { date: "2026-11-27", weekday: 5, minutes: 23 * 60 })).toBe(true);
    expect(scheduleMatches(night, { date: "2026-11-28", weekday: 6, minutes: 90 })).toBe(true);
    expect(scheduleMatches(night, { date: "2026-11-28", weekday: 6, minutes: 120 })).toBe(false);
    expect(scheduleMatches(night, { date: "2026-11-27", weekday: 5, minutes: 60 })).toBe(false);
    expect(scheduleMatches(night, { date: "2026-11-28", weekday: 6, minutes: 23 * 60 })).toBe(
      false,
    );
  });

  it("the same instant matches or not depending on the time zone", () => {
    const s = schedule();
    const instant = new Date("2026-11-27T07:00:00Z");
    expect(scheduleMatches(s, localTime(instant, "Europe/Moscow"))).toBe(true); // 10:00
    expect(scheduleMatches(s, localTime(instant, "America/New_York"))).toBe(false); // 02:00
    expect(scheduleMatches(s, localTime(instant, "Asia/Vladivostok"))).toBe(true); // 17:00
  });

  it("holidays are excluded, including a night window that starts on one", () => {
    const s = schedule({ holidays: ["2026-12-31"] });
    expect(scheduleMatches(s, { date: "2026-12-31", weekday: 4, minutes: 600 })).toBe(false);
    expect(scheduleMatches(s, { date: "2026-12-30", weekday: 3, minutes: 600 })).toBe(true);
    const night = schedule({
      windows: [{ start: "20:00", end: "08:00" }],
      holidays: ["2026-12-31"],
    });
    expect(scheduleMatches(night, { date: "2027-01-01", weekday: 5, minutes: 60 })).toBe(false);
    expect(scheduleMatches(night, { date: "2026-12-31", weekday: 4, minutes: 60 })).toBe(true);
  });

  it("holiday-only schedules ignore weekdays and match only on the listed dates", () => {
    const s = schedule({
      holidayMode: "only",
      weekdays: [1],
      holidays: ["2027-01-07"],
      windows: [],
    });
    expect(scheduleMatches(s, { date: "2027-01-07", weekday: 4, minutes: 600 })).toBe(true);
    expect(scheduleMatches(s, { date: "2027-01-04", weekday: 1, minutes: 600 })).toBe(false);
  });

  it("several windows: a lunch break in the middle", () => {
    const s = schedule({
      windows: [
        { start: "09:00", end: "13:00" },
        { start: "14:00", end: "18:00" },
      ],
    });
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 13 * 60 + 30 })).toBe(
      false,
    );
    expect(scheduleMatches(s, { date: "2026-11-27", weekday: 5, minutes: 14 * 60 })).toBe(true);
  });
});
