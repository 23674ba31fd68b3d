import { describe, expect, it } from "vitest";
import { periodToUtcRange } from "@/server/calls/period";

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("periodToUtcRange in Moscow (UTC+3 all year)", () => {
  const zone = "Europe/Moscow";
  // 01:30 in Moscow on 15 January is still 14 January in UTC.
  const now = new Date("2026-01-14T22:30:00Z");

  it("today starts at local midnight, not UTC midnight", () => {
    const range = periodToUtcRange({ period: "today" }, zone, now);
    expect(iso(range.from)).toBe("2026-01-14T21:00:00.000Z");
    expect(iso(range.to)).toBe("2026-01-15T21:00:00.000Z");
  });

  it("yesterday, 7 and 30 days end at the end of today", () => {
    const yesterday = periodToUtcRange({ period: "yesterday" }, zone, now);
    expect(iso(yesterday.from)).toBe("2026-01-13T21:00:00.000Z");
    expect(iso(yesterday.to)).toBe("2026-01-14T21:00:00.000Z");
    const week = periodToUtcRange({ period: "7d" }, zone, now);
    expect(iso(week.from)).toBe("2026-01-08T21:00:00.000Z");
    expect(iso(week.to)).toBe("2026-01-15T21:00:00.000Z");
    const month = periodToUtcRange({ period: "30d" }, zone, now);
    // Crosses the year boundary: 17 December … 15 January.
    expect(iso(month.from)).toBe("2025-12-16T21:00:00.000Z");
  });

  it("a custom range includes both of its days", () => {
    const range = periodToUtcRange(
      { period: "custom", from: "2026-02-27", to: "2026-03-01" },
      zone,
      now,
    );
    expect(iso(range.from)).toBe("2026-02-26T21:00:00.000Z");
    expect(iso(range.to)).toBe("2026-03-01T21:00:00.000Z");
  });

  it("a custom range may be open on one side; 'all' is open on both", () => {
    expect(periodToUtcRange({ period: "custom", from: "2026-01-01" }, zone, now)).toEqual({
      from: new Date("2025-12-31T21:00:00Z"),
      to: null,
    });
    expect(periodToUtcRange({ period: "all" }, zone, now)).toEqual({ from: null, to: null });
  });
});

describe("periodToUtcRange across daylight saving time (Europe/Berlin)", () => {
  const zone = "Europe/Berlin";

  it("the spring-forward day is 23 hours long", () => {
    const now = new Date("2026-03-29T10:00:00Z");
    const range = periodToUtcRange({ period: "today" }, zone, now);
    expect(iso(range.from)).toBe("2026-03-28T23:00:00.000Z");
    expect(iso(range.to)).toBe("2026-03-29T22:00:00.000Z");
  });

  it("the fall-back day is 25 hours long", () => {
    const now = new Date("2026-10-25T12:00:00Z");
    const range = periodToUtcRange({ period: "today" }, zone, now);
    expect(iso(range.from)).toBe("2026-10-24T22:00:00.000Z");
    expect(iso(range.to)).toBe("2026-10-25T23:00:00.000Z");
  });

  it("7 days spanning the change start at winter midnight and end at summer midnight", () => {
    const now = new Date("2026-03-31T08:00:00Z");
    const range = periodToUtcRange({ period: "7d" }, zone, now);
    expect(iso(range.from)).toBe("2026-03-24T23:00:00.000Z");
    expect(iso(range.to)).toBe("2026-03-31T22:00:00.000Z");
  });
});
