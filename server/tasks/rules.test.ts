import { describe, expect, it } from "vitest";
import {
  canResolve,
  chooseAssignee,
  classifyCall,
  resolutionSeconds,
  type TaskCallInput,
} from "@/server/tasks/rules";

const base: TaskCallInput = {
  direction: "IN",
  state: "ENDED",
  result: "MISSED",
  answeredAt: null,
  isClickToCall: false,
  fromNumber: "+79001234567",
  toNumber: "+74951234567",
};

describe("classifyCall", () => {
  it("an incoming call that ended missed or busy is missed, from the caller's number", () => {
    expect(classifyCall(base)).toEqual({ kind: "missed", phone: "+79001234567" });
    expect(classifyCall({ ...base, result: "BUSY" })).toEqual({
      kind: "missed",
      phone: "+79001234567",
    });
  });

  it("a failed, still ringing or number-less incoming call says nothing", () => {
    expect(classifyCall({ ...base, result: "FAILED" })).toBeNull();
    expect(classifyCall({ ...base, state: "RINGING", result: null })).toBeNull();
    expect(classifyCall({ ...base, fromNumber: "" })).toBeNull();
    expect(classifyCall({ ...base, direction: "INTERNAL" })).toBeNull();
  });

  it("a click-to-call never counts as missed: unanswered it is an attempt at the dialled number", () => {
    const clickToCall = { ...base, direction: "OUT" as const, isClickToCall: true };
    expect(classifyCall(clickToCall)).toEqual({ kind: "attempt", phone: "+74951234567" });
    expect(classifyCall({ ...clickToCall, state: "RINGING", result: null })).toBeNull();
  });

  it("any answered call resolves, even before callAnswered itself arrived", () => {
    const answeredAt = new Date("2026-01-01T10:00:00Z");
    expect(classifyCall({ ...base, state: "TALKING", result: null, answeredAt })).toEqual({
      kind: "resolved",
      phone: "+79001234567",
    });
    expect(
      classifyCall({ ...base, direction: "OUT", isClickToCall: true, result: "ANSWERED" }),
    ).toEqual({ kind: "resolved", phone: "+74951234567" });
  });
});

describe("chooseAssignee", () => {
  it("prefers the personal manager, then the default owner, then nobody", () => {
    expect(chooseAssignee({ personalManagerId: "m", defaultOwnerId: "o" })).toBe("m");
    expect(chooseAssignee({ personalManagerId: null, defaultOwnerId: "o" })).toBe("o");
    expect(chooseAssignee({ personalManagerId: null, defaultOwnerId: null })).toBeNull();
  });
});

describe("resolution time", () => {
  const missedAt = new Date("2026-01-01T10:00:00Z");
  it("counts whole seconds from the missed call and never goes negative", () => {
    expect(resolutionSeconds(missedAt, new Date("2026-01-01T10:02:30.400Z"))).toBe(150);
    expect(resolutionSeconds(missedAt, new Date("2026-01-01T09:59:00Z"))).toBe(0);
  });
  it("only a conversation after the missed call can resolve it", () => {
    expect(canResolve(missedAt, new Date("2026-01-01T10:00:01Z"))).toBe(true);
    expect(canResolve(missedAt, new Date("2026-01-01T09:00:00Z"))).toBe(false);
  });
});
