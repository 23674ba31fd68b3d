import { describe, expect, it } from "vitest";
import { startOfDay } from "./managers";

describe("startOfDay", () => {
  it("is midnight in the tenant's time zone", () => {
    expect(startOfDay(new Date("2026-11-26T10:00:00.000Z"), "Europe/Moscow").toISOString()).toBe(
      "2026-11-25T21:00:00.000Z",
    );
    // 23:30 UTC is already the next day in Moscow.
    expect(startOfDay(new Date("2026-11-26T23:30:00.000Z"), "Europe/Moscow").toISOString()).toBe(
      "2026-11-26T21:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-11-26T10:15:30.250Z"), "UTC").toISOString()).toBe(
      "2026-11-26T00:00:00.000Z",
    );
    expect(startOfDay(new Date("2026-11-26T10:00:00.000Z"), "Asia/Vladivostok").toISOString()).toBe(
      "2026-11-25T14:00:00.000Z",
    );
  });
});
