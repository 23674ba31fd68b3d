import { describe, expect, it } from "vitest";
import { LIVE_CALL_T0, liveCallFixture as call } from "@/server/calls/live-call-fixture";
import { talkSecNow } from "@/app/(console)/live/_components/live-talk";
import type { ManagerStatus } from "@/app/(console)/live/_components/types";

const anna: ManagerStatus = {
  id: "anna",
  name: "Anna",
  workplace: null,
  presence: "AVAILABLE",
  activity: "talking",
  today: { answered: 2, missed: 0, talkSec: 95 },
};
const answeredAt = new Date(LIVE_CALL_T0.getTime() + 10_000);
const at = (seconds: number) => answeredAt.getTime() + seconds * 1000;
const talking = call("a", { state: "TALKING", answeredAt, manager: { id: "anna", name: "Anna" } });

describe("talkSecNow", () => {
  it("adds a conversation in progress from its answer, and keeps counting", () => {
    expect(talkSecNow(anna, [talking], at(0))).toBe(95);
    expect(talkSecNow(anna, [talking], at(42.7))).toBe(137);
    expect(talkSecNow(anna, [talking], at(60))).toBe(155);
  });

  it("counts a call on hold as talk time", () => {
    expect(talkSecNow(anna, [{ ...talking, state: "ON_HOLD" }], at(30))).toBe(125);
  });

  it("leaves out ringing and ended calls (the server already counted the ended one)", () => {
    const ringing = call("b", { manager: { id: "anna", name: "Anna" } });
    const ended = { ...talking, id: "c", state: "ENDED" as const, endedAt: new Date(at(20)) };
    expect(talkSecNow(anna, [ringing, ended], at(60))).toBe(95);
  });

  it("leaves out other managers' calls", () => {
    const igors = { ...talking, manager: { id: "igor", name: "Igor" } };
    expect(talkSecNow(anna, [igors], at(60))).toBe(95);
  });

  it("never goes below the counted time when the clock is behind the server", () => {
    expect(talkSecNow(anna, [talking], at(-5))).toBe(95);
  });
});
