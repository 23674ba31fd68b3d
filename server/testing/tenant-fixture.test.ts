import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { middayTimeZone } from "@/server/testing/tenant-fixture";

describe("middayTimeZone", () => {
  it("names a zone where it is between 11:00 and 13:00, at every UTC hour", () => {
    for (let hour = 0; hour < 24; hour++) {
      const now = new Date(Date.UTC(2026, 11, 7, hour, 59));
      const local = new TZDate(now, middayTimeZone(now));
      expect(local.getHours() * 60 + local.getMinutes()).toBeGreaterThanOrEqual(11 * 60);
      expect(local.getHours() * 60 + local.getMinutes()).toBeLessThan(13 * 60);
    }
  });
});
