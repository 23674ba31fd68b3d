import { describe, expect, it } from "vitest";
import type { CallEngine } from "./call-engine";
import { createManualClock, type Clock } from "./clock";
import { silentLog } from "./log";
import { defaultDemoStructure } from "./structure";
import { createTraffic } from "./traffic";

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
