import { describe, expect, it } from "vitest";
import {
  answerSeconds,
  callbackAt,
  computeManagerReport,
  computeMetrics,
  isAnswered,
  isFallbackExplanation,
  isIncoming,
  isInPeriod,
  isMissed,
  isOutgoing,
  percentileCont,
  type ReportCall,
} from "@/server/reports/metrics";

const T0 = Date.parse("2026-11-20T09:00:00.000Z");
let seq = 0;
function call(
  over: Partial<ReportCall> & { at?: number; answerAfter?: number | null },
): ReportCall {
  const startedAt = new Date(over.at ?? T0);
  const answerAfter = over.answerAfter === undefined ? 10 : over.answerAfter;
  const answeredAt =
    answerAfter === null ? null : new Date(startedAt.getTime() + answerAfter * 1000);
  seq += 1;
  return {
    id: `c${seq}`,
    direction: "IN",
    state: "ENDED",
    startedAt,
    answeredAt,
    endedAt: new Date(startedAt.getTime() + 120_000),
    talkSec: answeredAt ? 100 : 0,
    endReported: true,
    managerId: "m1",
    isClickToCall: false,
    parentCallId: null,
    fromNumber: "+79990000001",
    toNumber: "+74950000000",
    personalManagerId: null,
    routingFallback: null,
    ...over,
  };
}
const opts = { serviceLevelSec: 20 };

describe("incoming, answered, missed", () => {
  it("counts an answered and a missed incoming call", () => {
    const m = computeMetrics([call({}), call({ answerAfter: null })], opts);
    expect(m).toMatchObject({ incoming: 2, answered: 1, missed: 1, answerRate: 0.5 });
  });

  it("does not count a call that is still ringing, but counts one being talked", () => {
    const ringing = call({ state: "RINGING", answerAfter: null, endedAt: null });
    const talking = call({ state: "TALKING", endedAt: null, talkSec: null });
    expect(isIncoming(ringing)).toBe(false);
    expect(isMissed(ringing)).toBe(false);
    expect(isAnswered(talking)).toBe(true);
    expect(computeMetrics([ringing, talking], opts)).toMatchObject({
      incoming: 1,
      answered: 1,
      missed: 0,
      talkSec: 0,
    });
  });

  it("counts a duplicated call once", () => {
    const one = call({ answerAfter: null });
    const m = computeMetrics([one, { ...one }, one], opts);
    expect(m).toMatchObject({ incoming: 1, missed: 1 });
  });

  it("counts a transferred call once, for the manager it ended with; its legs do not count", () => {
    const parent = call({ managerId: "m2", answerAfter: 5, talkSec: 200 });
    const leg = call({ managerId: "m1", parentCallId: parent.id, answerAfter: null });
    const report = computeManagerReport(
      [parent, leg],
      { from: new Date(T0 - 1), to: new Date(T0 + 1) },
      opts,
    );
    expect(report.total).toMatchObject({ incoming: 1, answered: 1, missed: 0, talkSec: 200 });
    expect(report.managers.map((r) => r.managerId)).toEqual(["m2"]);
  });

  it("does not count internal calls", () => {
    expect(computeMetrics([call({ direction: "INTERNAL" })], opts).incoming).toBe(0);
  });

  it("gives null rates when there is nothing to divide", () => {
    expect(computeMetrics([], opts)).toMatchObject({
      answerRate: null,
      serviceLevel: null,
      callbackRate: null,
      avgAnswerSec: null,
      p90AnswerSec: null,
      avgTalkSec: null,
    });
  });
});

describe("click-to-call", () => {
  it("is one outgoing call whose employee leg is never missed", () => {
    const c2c = call({ direction: "OUT", isClickToCall: true, answerAfter: null, talkSec: 0 });
    const employeeLeg = call({
      direction: "IN",
      isClickToCall: true,
      parentCallId: c2c.id,
      answerAfter: null,
    });
    const stray = call({ direction: "IN", isClickToCall: true, answerAfter: null });
    expect(isOutgoing(c2c)).toBe(true);
    expect(isMissed(employeeLeg)).toBe(false);
    expect(isMissed(stray)).toBe(false);
    expect(computeMetrics([c2c, employeeLeg, stray], opts)).toMatchObject({
      outgoing: 1,
      outgoingAnswered: 0,
      incoming: 0,
      missed: 0,
    });
  });

  it("adds the talk of an answered outgoing call to talk time", () => {
    const out = call({ direction: "OUT", isClickToCall: true, answerAfter: 8, talkSec: 60 });
    const m = computeMetrics([out, call({ talkSec: 40 })], opts);
    expect(m).toMatchObject({ outgoingAnswered: 1, talkSec: 100, talkCalls: 2, avgTalkSec: 50 });
    // Answer time is about callers waiting: outgoing calls are not in it.
    expect(answerSeconds(out)).toBeNull();
    expect(m.avgAnswerSec).toBe(10);
  });
});

describe("time to answer and service level", () => {
  it("averages and takes PostgreSQL's percentile_cont for the 90th percentile", () => {
    const calls = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => call({ answerAfter: s }));
    const m = computeMetrics(calls, opts);
    expect(m.avgAnswerSec).toBe(5.5);
    expect(m.p90AnswerSec).toBeCloseTo(9.1, 10);
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([1, 3], 0.5)).toBe(2);
  });

  it("is the share of all incoming calls (missed included) answered within the threshold", () => {
    const calls = [
      call({ answerAfter: 20 }), // exactly at the threshold: within
      call({ answerAfter: 20.001 }),
      call({ answerAfter: 3 }),
      call({ answerAfter: null }),
    ];
    const m = computeMetrics(calls, opts);
    expect(m.withinServiceLevel).toBe(2);
    expect(m.serviceLevel).toBe(0.5);
    expect(computeMetrics(calls, { serviceLevelSec: 30 }).serviceLevel).toBe(0.75);
  });
});

describe("period in the tenant's time zone", () => {
  // Moscow is UTC+3: the local day 2026-11-20 is [2026-11-19T21:00Z, 2026-11-20T21:00Z).
  const day = {
    from: new Date("2026-11-19T21:00:00.000Z"),
    to: new Date("2026-11-20T21:00:00.000Z"),
  };

  it("counts a call spanning midnight on the day it started", () => {
    const lateNight = call({ at: Date.parse("2026-11-20T20:59:59.999Z") });
    lateNight.endedAt = new Date("2026-11-20T21:10:00.000Z");
    const afterMidnight = call({ at: Date.parse("2026-11-20T21:00:00.000Z") });
    expect(isInPeriod(lateNight, day)).toBe(true);
    expect(isInPeriod(afterMidnight, day)).toBe(false);
    const report = computeManagerReport([lateNight, afterMidnight], day, opts);
    expect(report.total.incoming).toBe(1);
  });

  it("filters by our number: dialed for incoming, caller id for outgoing", () => {
    const inA = call({ toNumber: "+74951111111" });
    const outA = call({ direction: "OUT", fromNumber: "+74951111111", toNumber: "+79990000009" });
    const inB = call({ toNumber: "+74952222222" });
    const report = computeManagerReport(
      [inA, outA, inB],
      { ...day, numbers: ["+74951111111"] },
      opts,
    );
    expect(report.total).toMatchObject({ incoming: 1, outgoing: 1 });
  });
});

describe("callbacks", () => {
  const missed = call({ answerAfter: null, fromNumber: "+79991112233" });
  const back = (minutes: number, over: Parameters<typeof call>[0] = {}) =>
    call({
      direction: "OUT",
      isClickToCall: true,
      toNumber: "+79991112233",
      fromNumber: "+74950000000",
      at: T0 + minutes * 60_000,
      ...over,
    });

  it("is the first answered outgoing call to the caller within 7 days", () => {
    const unanswered = back(5, { answerAfter: null });
    const first = back(30);
    const later = back(90);
    const at = callbackAt(missed, [missed, unanswered, later, first]);
    expect(at?.getTime()).toBe(first.startedAt.getTime());
    const m = computeMetrics([missed], { ...opts, universe: [missed, unanswered, first, later] });
    // 30 min after the start, the missed call ended 2 min after its start.
    expect(m).toMatchObject({ missed: 1, calledBack: 1, callbackRate: 1, medianCallbackSec: 1680 });
  });

  it("ignores calls before the missed call, to other numbers, legs, and after 7 days", () => {
    const universe = [
      missed,
      back(-5),
      back(10, { toNumber: "+79990000000" }),
      back(10, { parentCallId: "x" }),
      back(7 * 24 * 60),
    ];
    expect(callbackAt(missed, universe)).toBeNull();
    expect(computeMetrics([missed], { ...opts, universe }).callbackRate).toBe(0);
  });

  it("uses the call that closed a callback task when it came first", () => {
    const byTask = back(20, { toNumber: "+79995550000" }); // the client's other phone
    const byNumber = back(60);
    const at = callbackAt(
      missed,
      [missed, byTask, byNumber],
      [{ callId: missed.id, closedByCallId: byTask.id }],
    );
    expect(at?.getTime()).toBe(byTask.startedAt.getTime());
  });

  it("takes the median time to callback", () => {
    const a = call({ answerAfter: null, fromNumber: "+1", endedAt: new Date(T0) });
    const b = call({ answerAfter: null, fromNumber: "+2", endedAt: new Date(T0) });
    const c = call({ answerAfter: null, fromNumber: "+3", endedAt: new Date(T0) });
    const universe = [
      a,
      b,
      c,
      back(10, { toNumber: "+1" }),
      back(20, { toNumber: "+2" }),
      back(60, { toNumber: "+3" }),
    ];
    expect(computeMetrics([a, b, c], { ...opts, universe }).medianCallbackSec).toBe(1200);
  });
});

describe("personal managers and routing", () => {
  it("is the share of personal clients' incoming calls answered by their personal manager", () => {
    const calls = [
      call({ personalManagerId: "m1", managerId: "m1" }),
      call({ personalManagerId: "m1", managerId: "m2" }),
      call({ personalManagerId: "m1", managerId: "m1", answerAfter: null }),
      call({ personalManagerId: null, managerId: "m1" }),
    ];
    const report = computeManagerReport(
      calls,
      { from: new Date(T0 - 1), to: new Date(T0 + 1) },
      opts,
    );
    const m1 = report.managers.find((r) => r.managerId === "m1")?.metrics;
    const m2 = report.managers.find((r) => r.managerId === "m2")?.metrics;
    expect(m1).toMatchObject({ personalIncoming: 3, personalReached: 1 });
    expect(m1?.personalRate).toBeCloseTo(1 / 3, 10);
    expect(m2).toMatchObject({ personalIncoming: 0, personalRate: null, answered: 1 });
    // With a manager filter, m1's personal clients still count even when m2 answered.
    const only = computeManagerReport(
      calls,
      { from: new Date(T0 - 1), to: new Date(T0 + 1), managerIds: ["m1"] },
      opts,
    );
    expect(only.total).toMatchObject({ personalIncoming: 3, personalReached: 1, incoming: 3 });
  });

  it("counts routed calls and the ones where a fallback was used", () => {
    const calls = [
      call({ routingFallback: false }),
      call({ routingFallback: true }),
      call({ routingFallback: true, answerAfter: null }),
      call({ routingFallback: null }),
    ];
    expect(computeMetrics(calls, opts)).toMatchObject({ routed: 3, fallbacks: 2 });
    expect(computeMetrics(calls, opts).fallbackRate).toBeCloseTo(2 / 3, 10);
  });

  it("reads a fallback from the routing explanation", () => {
    expect(isFallbackExplanation([{ kind: "ruleMatched" }, { kind: "fallback", index: 1 }])).toBe(
      true,
    );
    expect(isFallbackExplanation({ steps: [{ kind: "fallback" }] })).toBe(true);
    expect(isFallbackExplanation([{ kind: "ruleMatched" }, { kind: "workplace" }])).toBe(false);
    expect(isFallbackExplanation("fallback")).toBe(false);
    expect(isFallbackExplanation(null)).toBe(false);
  });
});
