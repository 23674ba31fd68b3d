import { describe, expect, it } from "vitest";
import { defaultDemoStructure } from "@/server/pbx-simulator/structure";
import { missedShare, runTraffic } from "@/server/pbx-simulator/traffic-test-support";
import { demoTrafficSettings } from "@/server/demo/demo-traffic";
import { buildDemoClients } from "@/server/demo/seed-data";

const callerPool = buildDemoClients(300).flatMap((c) => c.phones);

function settings(seed: number) {
  return { ...demoTrafficSettings(defaultDemoStructure(), callerPool), seed };
}

describe("the demo's traffic", () => {
  it("looks like a healthy small sales team over two hours, whatever the seed", async () => {
    for (const seed of [1, 2, 3]) {
      const run = await runTraffic(settings(seed), 120);
      const { incoming, share } = missedShare(run);
      expect(incoming).toBeGreaterThan(180);
      // Before: about 45 % missed (6 calls a minute on eight one-line workplaces).
      expect(share).toBeGreaterThan(0.1);
      expect(share).toBeLessThan(0.2);
      const outgoing = run.calls.filter((c) => c.direction === "outgoing" && c.state === "ended");
      expect(outgoing.length).toBeGreaterThan(40);
      const answeredOut = outgoing.filter((c) => c.result === "answered").length;
      expect(answeredOut / outgoing.length).toBeGreaterThan(0.55);
      expect(answeredOut / outgoing.length).toBeLessThan(0.85);
      expect(run.status.callbacks).toBeGreaterThan(5);
      const talks = run.calls.filter((c) => c.result === "answered").map((c) => c.talkSec ?? 0);
      expect(Math.min(...talks)).toBeGreaterThanOrEqual(15);
      const meanTalk = talks.reduce((a, b) => a + b, 0) / talks.length;
      expect(meanTalk).toBeGreaterThan(55);
      expect(meanTalk).toBeLessThan(120);
    }
  });

  it("misses 10–20 % in its first five minutes, taken over many starts", async () => {
    let incoming = 0;
    let missed = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const first = missedShare(await runTraffic(settings(seed), 6), 5);
      incoming += first.incoming;
      missed += first.missed;
    }
    expect(incoming).toBeGreaterThan(70);
    expect(missed / incoming).toBeGreaterThan(0.1);
    expect(missed / incoming).toBeLessThan(0.2);
  });

  it("calls the sales number most and the mobile line least", () => {
    const weights = settings(1).numberWeights ?? {};
    expect(weights["+74951234567"]).toBeGreaterThan(weights["+78001234567"] ?? 0);
    expect(weights["+78001234567"]).toBeGreaterThan(weights["+79031234567"] ?? 0);
  });
});
