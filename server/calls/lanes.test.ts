import { describe, expect, it } from "vitest";
import type { CallNotification } from "@/server/calls/fold";
import { createLaneRegistry } from "@/server/calls/lanes";

const T = "00000000-0000-4000-8000-000000000001";
let n = 0;
function event(callId: string, type: CallNotification["type"] = "callDelivered"): CallNotification {
  n++;
  const base = { id: `n-${n}`, occurredAt: new Date(1_000 * n) };
  if (type === "callEnded")
    return {
      ...base,
      type,
      data: { callId, result: "answered", durationSec: 3, talkSec: 2, hasRecording: false },
    };
  return { ...base, type: "callDelivered", data: { callId, workplaceId: "wp-1" } };
}

describe("fold lanes", () => {
  it("keeps one lane per call with every event, and counts rows not yet folded", () => {
    const lanes = createLaneRegistry();
    const a1 = event("a");
    lanes.add(T, a1, "row-1");
    lanes.add(T, event("a"), "row-2");
    lanes.add(T, event("b"), "row-3");
    // The same stored row again (the sweep finding it while its lane still holds it): once.
    lanes.add(T, a1, "row-1");
    expect(lanes.size()).toBe(2);
    expect(lanes.backlog()).toBe(3);
    expect(lanes.find(T, "a")?.events.size).toBe(2);
    expect(lanes.find(T, "a")?.unfolded.size).toBe(2);
  });

  it("takes parked calls first, then calls in the order they had something to fold", () => {
    const lanes = createLaneRegistry();
    lanes.add(T, event("first"), "r1");
    lanes.add(T, event("second"), "r2");
    lanes.add(T, event("parked"), "r3", { isUrgent: true });
    expect(lanes.takeBatch(2).map((l) => l.externalId)).toEqual(["parked", "first"]);
    expect(lanes.takeBatch(10).map((l) => l.externalId)).toEqual(["second"]);
    expect(lanes.takeBatch(10)).toEqual([]);
  });

  it("never puts a call in two batches: events arriving during its write wait for the next", () => {
    const lanes = createLaneRegistry();
    lanes.add(T, event("a"), "r1");
    const [lane] = lanes.takeBatch(10);
    if (!lane) throw new Error("no lane");
    const taken = [...lane.unfolded.keys()];
    lanes.add(T, event("a"), "r2"); // arrives while r1 is being written
    expect(lanes.takeBatch(10)).toEqual([]);
    lanes.release(lane, taken);
    expect(lanes.backlog()).toBe(1);
    const [again] = lanes.takeBatch(10);
    expect(again).toBe(lane);
    expect([...lane.unfolded.keys()]).toEqual(["r2"]);
  });

  it("leaves a failed lane out of batches until its retry time", () => {
    let now = 1_000;
    const lanes = createLaneRegistry(() => now);
    lanes.add(T, event("a"), "r1");
    const [lane] = lanes.takeBatch(10);
    if (!lane) throw new Error("no lane");
    lane.retryAt = now + 500;
    lanes.release(lane, []);
    expect(lanes.takeBatch(10)).toEqual([]);
    expect(lanes.nextRetryAt()).toBe(1_500);
    now = 1_600;
    expect(lanes.takeBatch(10)).toEqual([lane]);
  });

  it("forgets idle ended calls after a while, never a call with rows to fold", () => {
    let now = 0;
    const lanes = createLaneRegistry(() => now);
    lanes.add(T, event("ended", "callEnded"), "r1");
    lanes.add(T, event("busy"), "r2");
    const [ended] = lanes.takeBatch(1);
    if (!ended) throw new Error("no lane");
    ended.row = {
      id: "x",
      version: 1,
      direction: "IN",
      state: "ENDED",
      result: "ANSWERED",
      fromNumber: "",
      toNumber: "",
      startedAt: new Date(0),
      answeredAt: null,
      endedAt: null,
      talkSec: 2,
      isEndReported: true,
      isClickToCall: false,
      managerId: null,
      workplaceId: null,
      clientId: null,
    };
    lanes.release(ended, ["r1"]);
    now = 60_000;
    lanes.evict();
    expect(lanes.size()).toBe(2);
    now = 200_000;
    lanes.evict();
    expect(lanes.find(T, "ended")).toBeUndefined();
    expect(lanes.find(T, "busy")).toBeDefined();
  });
});
