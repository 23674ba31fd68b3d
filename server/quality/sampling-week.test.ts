import { describe, expect, it } from "vitest";
import { startOfLocalWeek } from "@/server/quality/sampling-query";

// The per-manager-per-week rule counts calls from Monday 00:00 on the company's wall clock.
describe("startOfLocalWeek", () => {
  it("is Monday midnight in the company's zone", () => {
    // Wednesday 2026-12-09 12:00 in Moscow (UTC+3) → Monday 2026-12-07 00:00 MSK.
    expect(startOfLocalWeek(new Date("2026-12-09T09:00:00Z"), "Europe/Moscow").toISOString()).toBe(
      "2026-12-06T21:00:00.000Z",
    );
    // Sunday evening is still the same week; Monday 00:00 starts the next one.
    expect(startOfLocalWeek(new Date("2026-12-13T20:59:00Z"), "Europe/Moscow").toISOString()).toBe(
      "2026-12-06T21:00:00.000Z",
    );
    expect(startOfLocalWeek(new Date("2026-12-13T21:00:00Z"), "Europe/Moscow").toISOString()).toBe(
      "2026-12-13T21:00:00.000Z",
    );
  });

  it("follows a DST change inside the week", () => {
    // Berlin moves to summer time on Sunday 2026-03-29: that week began Monday 00:00 CET.
    expect(startOfLocalWeek(new Date("2026-03-29T12:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2026-03-22T23:00:00.000Z",
    );
    // The next week begins Monday 00:00 CEST.
    expect(startOfLocalWeek(new Date("2026-03-30T08:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2026-03-29T22:00:00.000Z",
    );
  });
});
