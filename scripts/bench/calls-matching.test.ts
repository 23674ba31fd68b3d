import { describe, expect, it } from "vitest";
import {
  matchScreenPops,
  matchSupervisorPushes,
  newClientRecord,
  pushedCallId,
  pushedCallSchema,
  recordPush,
  type StoredEvent,
} from "@/scripts/bench/calls-matching";

const stored = (id: string, callId: string | null, receivedAtMs: number): StoredEvent => ({
  id,
  callId,
  receivedAtMs,
  processedAtMs: receivedAtMs + 1,
  instance: null,
});

describe("matchSupervisorPushes by event id", () => {
  it("times each event by the first frame that names it, not an earlier frame of its call", () => {
    const sup = newClientRecord("SUPERVISOR", "1");
    // e1 arrives at 110; e2 was stored at 150 but first named by the frame at 300: a frame of
    // the same call at 200 (say, a manager's action) does not count for it.
    recordPush(sup, "call-a", ["e1"], 110);
    recordPush(sup, "call-a", [], 200);
    recordPush(sup, "call-a", ["e2"], 300);
    const match = matchSupervisorPushes({
      supervisors: [sup],
      events: [stored("e1", "call-a", 105), stored("e2", "call-a", 150)],
      sentAtById: new Map([
        ["e1", 100],
        ["e2", 140],
      ]),
      ackedIds: new Set(["e1", "e2"]),
    });
    expect(match.matchedBy).toBe("event");
    expect(match.latencies).toEqual([10, 160]);
    expect(match).toMatchObject({ lost: 0, stray: 0, repeated: 0 });
  });

  it("counts a stored event a supervisor never got as lost, only once it was acknowledged", () => {
    const sup = newClientRecord("SUPERVISOR", "1");
    recordPush(sup, "call-a", ["e1"], 110);
    const match = matchSupervisorPushes({
      supervisors: [sup],
      events: [
        stored("e1", "call-a", 105),
        stored("e2", "call-a", 106),
        stored("e3", "call-a", 107),
        // Not a call event: never expected on a board.
        stored("s1", null, 108),
      ],
      sentAtById: new Map([["e1", 100]]),
      ackedIds: new Set(["e1", "e2", "s1"]),
    });
    // e2 acknowledged and never pushed; e3 stored but its 2xx not seen yet: may be on its way.
    expect(match.lost).toBe(1);
    expect(match.latencies).toEqual([10]);
  });

  it("counts ids never stored as stray and ids named twice as repeated", () => {
    const sup = newClientRecord("SUPERVISOR", "1");
    recordPush(sup, "call-a", ["e1", "ghost"], 110);
    recordPush(sup, "call-a", ["e1"], 120);
    const match = matchSupervisorPushes({
      supervisors: [sup],
      events: [stored("e1", "call-a", 105)],
      sentAtById: new Map([["e1", 100]]),
      ackedIds: new Set(["e1"]),
    });
    expect(match).toMatchObject({ stray: 1, repeated: 1, lost: 0 });
    expect(match.latencies).toEqual([10]);
  });

  it("splits latencies by whether the supervisor sat on the storing instance", () => {
    const onOne = newClientRecord("SUPERVISOR", "1");
    const onTwo = newClientRecord("SUPERVISOR", "2");
    recordPush(onOne, "call-a", ["e1"], 105);
    recordPush(onTwo, "call-a", ["e1"], 108);
    const match = matchSupervisorPushes({
      supervisors: [onOne, onTwo],
      events: [{ ...stored("e1", "call-a", 101), instance: "1" }],
      sentAtById: new Map([["e1", 100]]),
      ackedIds: new Set(["e1"]),
    });
    expect(match.sameInstance).toEqual([5]);
    expect(match.crossInstance).toEqual([8]);
  });
});

describe("matchSupervisorPushes without eventIds", () => {
  it("falls back to the first frame of the call after the event was stored", () => {
    const sup = newClientRecord("SUPERVISOR", "1");
    recordPush(sup, "call-a", undefined, 110);
    recordPush(sup, "call-a", undefined, 200);
    recordPush(sup, "call-unknown", undefined, 210);
    const match = matchSupervisorPushes({
      supervisors: [sup],
      events: [
        stored("e1", "call-a", 105),
        stored("e2", "call-a", 150),
        stored("e3", "call-a", 250),
      ],
      sentAtById: new Map([
        ["e1", 100],
        ["e2", 140],
        ["e3", 240],
      ]),
      ackedIds: new Set(["e1", "e2", "e3"]),
    });
    expect(match.matchedBy).toBe("call");
    expect(match.latencies).toEqual([10, 60]);
    // e3 was stored after the last frame of its call; the unknown call's frame is a stray.
    expect(match).toMatchObject({ lost: 1, stray: 1, repeated: 0 });
  });
});

describe("matchScreenPops", () => {
  const deliveries = [
    { id: "d1", type: "callDelivered", callId: "call-a", sentAtMs: 100 },
    { id: "d2", type: "callRedirected", callId: "call-a", sentAtMs: 180 },
    { id: "x", type: "callAnswered", callId: "call-a", sentAtMs: 190 },
  ];

  it("uses the ring the frame names", () => {
    const manager = newClientRecord("MANAGER", "1");
    manager.ringing.push({ callId: "call-a", at: 200, eventIds: ["d1"] });
    expect(matchScreenPops([manager], deliveries)).toEqual({
      latencies: [100],
      byEvent: 1,
      byCall: 0,
    });
  });

  it("falls back to the latest ring of the call sent before the pop", () => {
    const manager = newClientRecord("MANAGER", "1");
    manager.ringing.push({ callId: "call-a", at: 200, eventIds: null });
    manager.ringing.push({ callId: "call-a", at: 150, eventIds: ["x"] });
    manager.ringing.push({ callId: "call-b", at: 150, eventIds: null });
    expect(matchScreenPops([manager], deliveries)).toEqual({
      latencies: [20, 50],
      byEvent: 0,
      byCall: 2,
    });
  });
});

describe("pushedCallSchema", () => {
  it("reads eventIds when present and leaves them undefined on older servers", () => {
    expect(pushedCallSchema.parse({ externalId: "c", eventIds: ["a"], state: "RINGING" })).toEqual({
      externalId: "c",
      eventIds: ["a"],
    });
    expect(pushedCallSchema.parse({ externalId: "c" }).eventIds).toBeUndefined();
    expect(pushedCallSchema.safeParse({ externalId: "c", eventIds: [1] }).success).toBe(false);
  });
});

describe("pushedCallId", () => {
  it("names a patch's call by the PBX id an earlier full push gave its row", () => {
    const names = new Map<string, string>();
    expect(pushedCallId({ id: "row-1", eventIds: ["e2"] }, names)).toBeNull();
    expect(pushedCallId({ id: "row-1", externalId: "pbx-1" }, names)).toBe("pbx-1");
    expect(pushedCallId({ id: "row-1", eventIds: ["e3"] }, names)).toBe("pbx-1");
  });
});
