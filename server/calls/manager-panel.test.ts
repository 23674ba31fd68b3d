import { describe, expect, it } from "vitest";
import { panelEntry } from "@/server/calls/manager-panel";

const call = (startedAt: Date) => ({
  id: "c",
  version: 1,
  direction: "IN" as const,
  state: "ENDED" as const,
  startedAt,
  answeredAt: startedAt,
  talkSec: 30,
  isEndReported: true,
  isClickToCall: false,
  managerId: "m",
});

describe("panelEntry's local day", () => {
  it("follows the zone's midnight, also for calls around one it already knows", () => {
    const now = Date.now();
    const zone = "Europe/Berlin";
    const today = panelEntry(call(new Date(now)), zone, now).day;
    // Berlin's midnight before now, found by walking back to the day change.
    let midnight = now - (now % 60_000);
    while (panelEntry(call(new Date(midnight - 60_000)), zone, now).day === today)
      midnight -= 60_000;
    expect(panelEntry(call(new Date(midnight)), zone, now).day).toBe(today);
    expect(panelEntry(call(new Date(midnight - 1)), zone, now).day).not.toBe(today);
    // And today's again after a call from yesterday.
    expect(panelEntry(call(new Date(now)), zone, now).day).toBe(today);
    expect(panelEntry(call(new Date(now)), "Asia/Tokyo", now).day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("is the day in the zone, not in UTC", () => {
    const late = new Date("2026-03-29T22:30:00Z"); // 00:30 on the 30th in Berlin (summer time)
    expect(panelEntry(call(late), "Europe/Berlin", late.getTime()).day).toBe("2026-03-30");
    expect(panelEntry(call(late), "America/New_York", late.getTime()).day).toBe("2026-03-29");
  });
});
