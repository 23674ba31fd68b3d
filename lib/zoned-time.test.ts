import { describe, expect, it } from "vitest";
import {
  addDays,
  formatLocalDate,
  formatZoned,
  isValidTimeZone,
  localDateOf,
  parseLocalDate,
  startOfLocalDay,
  startOfZonedDay,
  wallClockOf,
  weekdayOf,
  zoneOffsetMs,
  zonedLocalToDate,
} from "@/lib/zoned-time";

const iso = (d: Date) => d.toISOString();
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

describe("start of day on the days the clocks change", () => {
  it("Berlin spring forward (29 March 2026): the day starts at 00:00 CET", () => {
    // 12:00 CEST; counting back 12 wall-clock hours would land at 23:00 the day before.
    expect(iso(startOfZonedDay(new Date("2026-03-29T10:00:00Z"), BERLIN))).toBe(
      "2026-03-28T23:00:00.000Z",
    );
    expect(iso(startOfLocalDay({ year: 2026, month: 3, day: 30 }, BERLIN))).toBe(
      "2026-03-29T22:00:00.000Z",
    );
  });

  it("Berlin fall back (25 October 2026): the day starts at 00:00 CEST and lasts 25 hours", () => {
    const start = startOfZonedDay(new Date("2026-10-25T20:00:00Z"), BERLIN);
    expect(iso(start)).toBe("2026-10-24T22:00:00.000Z");
    const next = startOfLocalDay({ year: 2026, month: 10, day: 26 }, BERLIN);
    expect(next.getTime() - start.getTime()).toBe(25 * 3600_000);
  });

  it("New York spring forward (8 March 2026) is 23 hours long", () => {
    const start = startOfZonedDay(new Date("2026-03-08T20:00:00Z"), NEW_YORK);
    expect(iso(start)).toBe("2026-03-08T05:00:00.000Z");
    const next = startOfLocalDay({ year: 2026, month: 3, day: 9 }, NEW_YORK);
    expect(next.getTime() - start.getTime()).toBe(23 * 3600_000);
  });

  it("New York fall back (1 November 2026), late in the evening", () => {
    expect(iso(startOfZonedDay(new Date("2026-11-02T04:30:00Z"), NEW_YORK))).toBe(
      "2026-11-01T04:00:00.000Z",
    );
  });

  it("a zone without DST and the instant just before midnight", () => {
    expect(iso(startOfZonedDay(new Date("2026-11-26T20:59:59.999Z"), "Europe/Moscow"))).toBe(
      "2026-11-25T21:00:00.000Z",
    );
    expect(iso(startOfZonedDay(new Date("2026-11-26T21:00:00Z"), "Europe/Moscow"))).toBe(
      "2026-11-26T21:00:00.000Z",
    );
    expect(iso(startOfZonedDay(new Date("2026-11-26T10:15:30.250Z"), "UTC"))).toBe(
      "2026-11-26T00:00:00.000Z",
    );
  });
});

describe("wall clock", () => {
  it("reads the local date, time and ISO weekday", () => {
    // Sunday 29 March 2026, 03:00 CEST — the first minute after the gap.
    expect(wallClockOf(new Date("2026-03-29T01:00:00Z"), BERLIN)).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 3,
      minute: 0,
      second: 0,
      weekday: 7,
    });
    expect(localDateOf(new Date("2026-01-14T22:30:00Z"), "Europe/Moscow")).toEqual({
      year: 2026,
      month: 1,
      day: 15,
    });
  });

  it("reports the zone's offset, which changes with DST", () => {
    expect(zoneOffsetMs(new Date("2026-01-10T12:00:00Z"), BERLIN)).toBe(3600_000);
    expect(zoneOffsetMs(new Date("2026-07-10T12:00:00Z"), BERLIN)).toBe(7200_000);
    expect(zoneOffsetMs(new Date("2026-07-10T12:00:00Z"), NEW_YORK)).toBe(-4 * 3600_000);
  });

  it("formats the wall clock for file names and CSV", () => {
    const at = new Date("2026-10-25T00:30:00Z"); // 02:30 CEST, the first of two 02:30s
    expect(formatZoned(at, BERLIN)).toBe("2026-10-25 02:30:00");
    expect(formatZoned(new Date("2026-10-25T01:30:00Z"), BERLIN)).toBe("2026-10-25 02:30:00");
    expect(formatZoned(at, BERLIN, { separator: "_", timeSeparator: "-", seconds: false })).toBe(
      "2026-10-25_02-30",
    );
  });
});

describe("local date and time to an instant", () => {
  it("is exact on ordinary days on both sides of the change", () => {
    expect(iso(zonedLocalToDate("2026-07-01T09:00", NEW_YORK))).toBe("2026-07-01T13:00:00.000Z");
    expect(iso(zonedLocalToDate("2026-11-27T09:00", NEW_YORK))).toBe("2026-11-27T14:00:00.000Z");
    expect(iso(zonedLocalToDate("2026-03-29T01:59", BERLIN))).toBe("2026-03-29T00:59:00.000Z");
    expect(iso(zonedLocalToDate("2026-03-29T03:00", BERLIN))).toBe("2026-03-29T01:00:00.000Z");
  });

  it("moves a time skipped by spring forward ahead by the gap", () => {
    expect(iso(zonedLocalToDate("2026-03-29T02:30", BERLIN))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(zonedLocalToDate("2026-03-08T02:30", NEW_YORK))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("gives one of the two instants of a repeated time, which reads back the same", () => {
    for (const [local, zone] of [
      ["2026-10-25T02:30", BERLIN],
      ["2026-11-01T01:30", NEW_YORK],
    ] as const) {
      const at = zonedLocalToDate(local, zone);
      expect(formatZoned(at, zone, { separator: "T", seconds: false })).toBe(local);
    }
  });

  it("rejects what is not a local date and time", () => {
    for (const bad of ["nonsense", "2026-02-30T10:00", "2026-01-01T25:00", "2026-01-01 10:00"])
      expect(() => zonedLocalToDate(bad, "UTC")).toThrow(RangeError);
  });
});

describe("calendar helpers", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays({ year: 2026, month: 1, day: 1 }, -1)).toEqual({
      year: 2025,
      month: 12,
      day: 31,
    });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
    expect(weekdayOf({ year: 2026, month: 3, day: 29 })).toBe(7);
    expect(formatLocalDate({ year: 2026, month: 3, day: 9 })).toBe("2026-03-09");
  });

  it("parses only real calendar dates and tells zones from typos", () => {
    expect(parseLocalDate("2026-02-28")).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseLocalDate("2026-02-30")).toBeNull();
    expect(parseLocalDate("2026-2-3")).toBeNull();
    expect(isValidTimeZone("Asia/Yekaterinburg")).toBe(true);
    expect(isValidTimeZone("Europe/Moskow")).toBe(false);
  });
});
