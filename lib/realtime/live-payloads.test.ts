import { describe, expect, it } from "vitest";
import { parseLiveCall, parseManagerStatus } from "@/lib/realtime/live-payloads";

// What a LiveCall looks like after Socket.IO's JSON encoding: dates are strings.
const wireCall = {
  id: "c1",
  externalId: "sim-1",
  direction: "IN",
  fromNumber: "+79990001122",
  toNumber: "+74951234567",
  state: "TALKING",
  result: null,
  startedAt: "2026-11-26T10:00:00.000Z",
  ringingAt: "2026-11-26T10:00:01.000Z",
  answeredAt: "2026-11-26T10:00:05.000Z",
  endedAt: null,
  isClickToCall: false,
  foldVersion: 3,
  workplace: { id: "w1", name: "Anna" },
  manager: { id: "u1", name: "Anna Smirnova" },
  client: { id: "k1", name: "OOO Romashka", company: null, isVip: true },
  numberLabel: "Sales",
};

describe("parseLiveCall", () => {
  it("turns ISO strings back into Dates and keeps nulls", () => {
    const call = parseLiveCall(wireCall);
    expect(call?.startedAt).toEqual(new Date("2026-11-26T10:00:00.000Z"));
    expect(call?.answeredAt).toBeInstanceOf(Date);
    expect(call?.endedAt).toBeNull();
  });

  it("keeps the fold version the board orders pushes by", () => {
    expect(parseLiveCall(wireCall)?.foldVersion).toBe(3);
  });

  it("rejects a payload that is not a call", () => {
    expect(parseLiveCall({ ...wireCall, state: "EXPLODED" })).toBeNull();
    // Without its version a push could not be told from an older one.
    expect(parseLiveCall({ ...wireCall, foldVersion: undefined })).toBeNull();
    expect(parseLiveCall(null)).toBeNull();
  });
});

describe("parseManagerStatus", () => {
  it("accepts a status and rejects a malformed one", () => {
    const status = {
      id: "u1",
      name: "Anna",
      workplace: null,
      presence: "AVAILABLE",
      activity: "talking",
      today: { answered: 3, missed: 1, talkSec: 420 },
    };
    expect(parseManagerStatus(status)?.activity).toBe("talking");
    expect(parseManagerStatus({ ...status, today: null })).toBeNull();
  });
});
