import { describe, expect, it } from "vitest";
import type { CallEngine } from "@/server/pbx-simulator/call-engine";
import { createManualClock, type Clock } from "@/server/pbx-simulator/clock";
import { silentLog } from "@/server/pbx-simulator/log";
import { defaultDemoStructure } from "@/server/pbx-simulator/structure";
import { createTraffic } from "@/server/pbx-simulator/traffic";
import { runTraffic } from "@/server/pbx-simulator/traffic-test-support";

/** Counts started calls; the traffic generator only needs these engine functions. */
function countingEngine() {
  const engine = {
    started: 0,
    startIncoming: () => {
      engine.started++;
    },
    onChange: () => () => undefined,
    list: () => [],
    countActive: () => 0,
  };
  return engine;
}

describe("traffic generator", () => {
  it("keeps the configured rate when timers fire late (a busy event loop)", () => {
    const manual = createManualClock();
    // Every timer fires 50 ms after it was due, as on an overloaded machine.
    const lagging: Clock = {
      now: () => manual.now(),
      setTimer: (delayMs, callback) => manual.setTimer(delayMs + 50, callback),
    };
    const engine = countingEngine();
    const traffic = createTraffic({
      engine: engine as unknown as CallEngine,
      clock: lagging,
      structure: defaultDemoStructure,
      ringTimeoutMs: 20_000,
      defaultSeed: 1,
      log: silentLog,
    });
    traffic.configure({ callsPerMinute: 600, answerRatio: 0.8, meanTalkSec: 60, seed: 5 });
    manual.advance(60_000);
    traffic.stop();
    // 600 a minute on average (Poisson); without catching up it would be about 400.
    expect(engine.started).toBeGreaterThan(540);
    expect(engine.started).toBeLessThan(660);
  });
});

describe("traffic generator: callers, employees' own calls and callbacks", () => {
  const pool = ["+79161110001", "+79161110002", "+79161110003"];

  it("without the new settings, places no outgoing calls and no caller hangs up early", async () => {
    const run = await runTraffic({ callsPerMinute: 3, answerRatio: 0, meanTalkSec: 60 }, 20);
    expect(run.calls.filter((c) => c.direction === "outgoing")).toHaveLength(0);
    const ended = run.calls.filter((c) => c.state === "ended");
    expect(ended.length).toBeGreaterThan(30);
    // Nobody answers: each call rings through its whole route and only then ends.
    for (const call of ended) {
      expect(["missed", "busy"]).toContain(call.result);
      expect(call.history.some((h) => h.event === "hangup")).toBe(false);
    }
  });

  it("lets a caller nobody answers hang up after their patience", async () => {
    // Few enough calls that no route is ever all busy: each ends by the caller's hang-up.
    const run = await runTraffic(
      { callsPerMinute: 1, answerRatio: 0, meanTalkSec: 60, meanPatienceSec: 12 },
      120,
    );
    const ended = run.calls.filter((c) => c.state === "ended");
    expect(ended.length).toBeGreaterThan(90);
    expect(ended.every((c) => c.result !== "answered")).toBe(true);
    // Almost all hang up; a rare caller outlasts the whole route, or finds it busy.
    const gaveUp = ended.filter((c) => c.history.some((h) => h.event === "hangup"));
    expect(gaveUp.length).toBeGreaterThan(ended.length * 0.95);
    const waits = gaveUp.map((c) => (Date.parse(c.endedAt ?? "") - Date.parse(c.startedAt)) / 1000);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(mean).toBeGreaterThan(9);
    expect(mean).toBeLessThan(15);
    // Erlang-2: hardly anyone hangs up within the first couple of seconds.
    expect(waits.filter((w) => w < 2).length).toBeLessThan(ended.length * 0.05);
  });

  it("has idle employees call clients from the pool; some clients pick up", async () => {
    const run = await runTraffic(
      {
        callsPerMinute: 0,
        meanTalkSec: 60,
        minTalkSec: 20,
        outgoingPerMinute: 3,
        outgoingAnswerRatio: 0.6,
        callerPool: pool,
      },
      60,
    );
    const outgoing = run.calls.filter((c) => c.direction === "outgoing" && c.state === "ended");
    expect(outgoing.length).toBeGreaterThan(120);
    expect(run.status.generatedOutgoing).toBeGreaterThanOrEqual(outgoing.length);
    for (const call of outgoing) {
      expect(pool).toContain(call.to);
      // The employee picked up their own leg first, within seconds.
      const own = call.history.find((h) => h.event === "answered" && h.party === "workplace");
      expect(own).toBeDefined();
      expect(Date.parse(own?.at ?? "") - Date.parse(call.startedAt)).toBeLessThan(4000);
    }
    const answered = outgoing.filter((c) => c.result === "answered");
    expect(answered.length / outgoing.length).toBeGreaterThan(0.5);
    expect(answered.length / outgoing.length).toBeLessThan(0.7);
    expect(Math.min(...answered.map((c) => c.talkSec ?? 0))).toBeGreaterThanOrEqual(20);
    // The others declined while it rang: not answered, no talk.
    for (const call of outgoing.filter((c) => c.result !== "answered")) {
      expect(call.result).toBe("busy");
      expect(call.talkSec).toBe(0);
    }
    // An employee is on one call at a time.
    const byWorkplace = new Map<string, Array<[number, number]>>();
    for (const call of outgoing) {
      const spans = byWorkplace.get(call.workplaceId ?? "") ?? [];
      spans.push([Date.parse(call.startedAt), Date.parse(call.endedAt ?? "")]);
      byWorkplace.set(call.workplaceId ?? "", spans);
    }
    for (const spans of byWorkplace.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]?.[0] ?? 0).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? 0);
      }
    }
  });

  it("calls missed callers back after they hung up, until someone picks up", async () => {
    const run = await runTraffic(
      {
        callsPerMinute: 1,
        answerRatio: 0,
        meanTalkSec: 60,
        meanPatienceSec: 10,
        callbackRatio: 1,
        meanCallbackSec: 60,
        outgoingAnswerRatio: 0.5,
        callerPool: pool,
      },
      90,
    );
    const missed = run.calls.filter((c) => c.direction === "incoming" && c.state === "ended");
    const callbacks = run.calls.filter((c) => c.direction === "outgoing");
    expect(missed.length).toBeGreaterThan(50);
    expect(run.status.callbacks).toBe(callbacks.length);
    // Every callback follows a missed call from that number, at least 30 s after it ended.
    for (const callback of callbacks) {
      const before = missed.filter(
        (m) =>
          m.from === callback.to &&
          Date.parse(m.endedAt ?? "") <= Date.parse(callback.startedAt) - 30_000,
      );
      expect(before.length).toBeGreaterThan(0);
    }
    // An unanswered callback is tried again: more callbacks than missed callers reached once.
    const declined = callbacks.filter((c) => c.state === "ended" && c.result !== "answered");
    expect(declined.length).toBeGreaterThan(5);
    expect(callbacks.filter((c) => c.result === "answered").length).toBeGreaterThan(20);
    expect(callbacks.length).toBeGreaterThan(missed.length * 0.9);
  });

  it("dials the PBX's numbers in proportion to their weights", async () => {
    const run = await runTraffic(
      {
        callsPerMinute: 6,
        answerRatio: 1,
        meanTalkSec: 5,
        numberWeights: { "+74951234567": 3, "+78001234567": 1, "+79031234567": 0 },
      },
      60,
    );
    const to = (n: string) => run.calls.filter((c) => c.to === n).length;
    expect(to("+79031234567")).toBe(0);
    const share = to("+74951234567") / (to("+74951234567") + to("+78001234567"));
    expect(share).toBeGreaterThan(0.68);
    expect(share).toBeLessThan(0.82);
  });
});
