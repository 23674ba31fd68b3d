import { describe, expect, it } from "vitest";
import { liveCallFixture } from "@/server/calls/live-call-fixture";
import type { LiveCall, PushedCall } from "@/server/calls/live-call";
import { combineStaffEntries, staffEntry } from "@/server/calls/publish";

const pushed = (overrides: Partial<LiveCall>, eventIds: string[] = []): PushedCall => ({
  ...liveCallFixture("c1", overrides),
  eventIds,
});

describe("staffEntry", () => {
  it("sends a call in full first, then only the fields each fold changed", () => {
    const memory = new Map<string, LiveCall>();
    const ringing = pushed({ state: "RINGING", foldVersion: 1 }, ["e1"]);
    expect(staffEntry(ringing, memory)).toEqual(ringing);
    const answeredAt = new Date("2026-12-07T10:00:05Z");
    expect(
      staffEntry(pushed({ state: "TALKING", answeredAt, foldVersion: 2 }, ["e2"]), memory),
    ).toEqual({
      id: "c1",
      foldVersion: 2,
      baseVersion: 1,
      state: "TALKING",
      answeredAt,
      eventIds: ["e2"],
    });
    // A client link changes the call without a fold: same version, still a patch.
    const client = { id: "k", name: "Ольга", company: null, isVip: true };
    expect(
      staffEntry(pushed({ state: "TALKING", answeredAt, client, foldVersion: 2 }), memory),
    ).toEqual({ id: "c1", foldVersion: 2, baseVersion: 2, client, eventIds: [] });
  });

  it("sends in full after a fold it did not push (another instance's), and an older push as it was", () => {
    const memory = new Map<string, LiveCall>();
    staffEntry(pushed({ foldVersion: 1 }), memory);
    const third = pushed({ state: "ENDED", foldVersion: 3 });
    expect(staffEntry(third, memory)).toEqual(third);
    const second = pushed({ state: "TALKING", foldVersion: 2 });
    expect(staffEntry(second, memory)).toEqual(second);
    expect(memory.get("c1")?.foldVersion).toBe(3);
  });
});

describe("combineStaffEntries", () => {
  const full = pushed({ state: "RINGING", foldVersion: 1 }, ["e1"]);
  const patch2 = {
    id: "c1",
    foldVersion: 2,
    baseVersion: 1,
    state: "TALKING" as const,
    eventIds: ["e2"],
  };
  const patch3 = {
    id: "c1",
    foldVersion: 3,
    baseVersion: 2,
    state: "ENDED" as const,
    eventIds: ["e3"],
  };

  it("keeps one entry per call in a frame: the latest state and every event id", () => {
    expect(combineStaffEntries(full, patch2)).toEqual({
      ...full,
      state: "TALKING",
      foldVersion: 2,
      eventIds: ["e1", "e2"],
    });
    expect(combineStaffEntries(patch2, patch3)).toEqual({
      id: "c1",
      foldVersion: 3,
      baseVersion: 1,
      state: "ENDED",
      eventIds: ["e2", "e3"],
    });
    const later = pushed({ state: "ENDED", foldVersion: 3 }, ["e3"]);
    expect(combineStaffEntries(patch2, later)).toEqual({ ...later, eventIds: ["e2", "e3"] });
    // An older push queued after a newer one adds its events, not its state.
    expect(combineStaffEntries(patch3, full)).toEqual({ ...patch3, eventIds: ["e3", "e1"] });
  });
});
