import { describe, expect, it } from "vitest";
import { presetRange } from "@/app/(console)/reports/_components/report-period";

describe("presetRange", () => {
  // 2026-11-26 is a Thursday.
  const today = "2026-11-26";
  it("turns presets into inclusive local dates", () => {
    expect(presetRange("today", today)).toEqual({ from: today, to: today });
    expect(presetRange("yesterday", today)).toEqual({ from: "2026-11-25", to: "2026-11-25" });
    expect(presetRange("thisWeek", today)).toEqual({ from: "2026-11-23", to: today });
    expect(presetRange("lastWeek", today)).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(presetRange("thisMonth", today)).toEqual({ from: "2026-11-01", to: today });
    expect(presetRange("last30", today)).toEqual({ from: "2026-10-28", to: today });
  });
  it("starts the week on Monday, also on a Sunday and across a month", () => {
    expect(presetRange("thisWeek", "2026-11-29")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(presetRange("lastWeek", "2026-12-01")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
  });
});
