import { describe, expect, it } from "vitest";
import { ackBreakdown, analyseRun, type Stored } from "@/scripts/bench/calls-analysis";
import { newClientRecord, recordPush } from "@/scripts/bench/calls-matching";
import type { Delivery, TrafficResult } from "@/scripts/bench/calls-traffic";

const delivery = (over: Partial<Delivery> & Pick<Delivery, "id" | "sentAtMs">): Delivery => ({
  seq: 0,
  type: "callStarted",
  callId: "call-a",
  emittedAtMs: over.sentAtMs,
  ackedAtMs: over.sentAtMs + 10,
  attempts: 1,
  status: 200,
  ...over,
});

describe("ackBreakdown", () => {
  it("splits first attempts into queue, insert and fold from the database's timestamps", () => {
    const split = ackBreakdown(
      [
        { id: "a", sentAtMs: 100, ackedAtMs: 112, attempts: 1 },
        // A retry's clock started before the timeout: left out.
        { id: "b", sentAtMs: 100, ackedAtMs: 900, attempts: 2 },
        // Not folded (yet): queue and insert only.
        { id: "c", sentAtMs: 200, ackedAtMs: 230, attempts: 1 },
        // Never stored (lost): nothing to split.
        { id: "d", sentAtMs: 300, ackedAtMs: 310, attempts: 1 },
      ],
      new Map([
        ["a", { receivedAtMs: 104, processedAtMs: 150 }],
        ["b", { receivedAtMs: 850, processedAtMs: 860 }],
        ["c", { receivedAtMs: 220, processedAtMs: null }],
      ]),
    );
    expect(split.deliveries).toBe(2);
    expect(split.queue).toEqual({ p50: 20, p95: 20, p99: 20, n: 2 });
    expect(split.insert).toEqual({ p50: 10, p95: 10, p99: 10, n: 2 });
    expect(split.fold).toEqual({ p50: 46, p95: 46, p99: 46, n: 1 });
  });

  it("measures nothing where the server wrote no rows", () => {
    const split = ackBreakdown([{ id: "a", sentAtMs: 1, ackedAtMs: 2, attempts: 1 }], new Map());
    expect([split.queue.n, split.insert.n, split.fold.n]).toEqual([0, 0, 0]);
  });
});

describe("analyseRun", () => {
  const traffic = (deliveries: Delivery[]): TrafficResult => ({
    deliveries,
    skippedBefore: 0,
    trafficStart: 0,
    trafficStop: 4000,
    finalStats: {
      notifications: { emitted: deliveries.length, pending: 0, lastSeq: deliveries.length },
      traffic: { activeCalls: 0, generatedCalls: 1 },
    },
    loadBefore: [0, 0, 0],
    loadAfter: [0, 0, 0],
  });
  const deliveries = [
    delivery({ id: "e1", sentAtMs: 1000 }),
    delivery({ id: "e2", type: "callDelivered", sentAtMs: 1100 }),
    delivery({ id: "e3", type: "callEnded", sentAtMs: 1200 }),
  ];
  const stored: Stored = {
    events: deliveries.map((d) => ({
      id: d.id,
      callId: d.callId,
      receivedAtMs: d.sentAtMs + 2,
      processedAtMs: d.sentAtMs + 5,
      instance: null,
    })),
    copies: new Map(deliveries.map((d) => [d.id, 1])),
    duplicateGroups: 0,
    callStates: new Map([["call-a", "ENDED"]]),
  };

  it("times pushes by event id and counts a pushed-but-never-stored id as duplicated", () => {
    const sup = newClientRecord("SUPERVISOR", "1");
    recordPush(sup, "call-a", ["e1", "e2"], 1120);
    recordPush(sup, "call-a", ["e3", "never-stored"], 1230);
    const manager = newClientRecord("MANAGER", "1");
    manager.ringing.push({ callId: "call-a", at: 1115, eventIds: ["e2"] });
    const m = analyseRun({
      traffic: traffic(deliveries),
      stored,
      clients: [sup, manager],
      durationSec: 4,
    });
    expect(m.pushMatchedBy).toBe("event");
    // e1: 1120 − 1000, e2: 1120 − 1100, e3: 1230 − 1200.
    expect(m.push).toMatchObject({ p50: 30, p99: 120, n: 3 });
    expect(m.screenPop).toMatchObject({ p50: 15, n: 1 });
    expect(m.lost).toBe(0);
    expect(m.duplicated).toBe(1);
    expect(m.detail.ackBreakdownMs.queue).toMatchObject({ p50: 2, n: 3 });
    expect(m.detail.ackBreakdownMs.fold).toMatchObject({ p50: 3, n: 3 });
  });

  it("marks the figure as matched by call when the server sends no eventIds", () => {
    const sup = newClientRecord("SUPERVISOR", "1");
    recordPush(sup, "call-a", undefined, 1120);
    const m = analyseRun({ traffic: traffic(deliveries), stored, clients: [sup], durationSec: 4 });
    expect(m.pushMatchedBy).toBe("call");
    // e1 and e2 answered by the one frame; e3, acknowledged, never reached the board.
    expect(m.push.n).toBe(2);
    expect(m.lost).toBe(1);
  });
});
