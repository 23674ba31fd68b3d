import { describe, expect, it } from "vitest";
import { analyseRun } from "@/scripts/bench/calls-analysis";
import { newClientRecord, recordPush } from "@/scripts/bench/calls-matching";
import {
  buildCallsReport,
  totalCpuMs,
  type CallsMeta,
  type RunInfo,
} from "@/scripts/bench/calls-report";
import type { Delivery } from "@/scripts/bench/calls-traffic";

const meta: CallsMeta = {
  rate: 1,
  durationSec: 4,
  clients: 1,
  supervisors: 1,
  managers: 0,
  workplaces: 8,
  signIn: "sso",
};

// One call event, acknowledged; the supervisor's frame names it only if `eventIds` is given.
function run(opts: {
  eventIds?: string[];
  stored: boolean;
  cpu: number | null;
  pgCpu: number | null;
  work?: { transactions: number; rows: number; bytes: number; tables: Record<string, number> };
}): RunInfo {
  const delivery: Delivery = {
    seq: 1,
    id: "e1",
    type: "callStarted",
    callId: "call-a",
    emittedAtMs: 1000,
    sentAtMs: 1000,
    ackedAtMs: 1010,
    attempts: 1,
    status: 200,
  };
  const sup = newClientRecord("SUPERVISOR", "1");
  recordPush(sup, "call-a", opts.eventIds, 1020);
  const events = opts.stored
    ? [{ id: "e1", callId: "call-a", receivedAtMs: 1004, processedAtMs: 1006, instance: null }]
    : [];
  const metrics = analyseRun({
    traffic: {
      deliveries: [delivery],
      skippedBefore: 0,
      trafficStart: 0,
      trafficStop: 4000,
      finalStats: {
        notifications: { emitted: 1, pending: 0, lastSeq: 1 },
        traffic: { activeCalls: 0, generatedCalls: 1 },
      },
      loadBefore: [0, 0, 0],
      loadAfter: [0, 0, 0],
    },
    stored: {
      events,
      copies: new Map(events.map((e) => [e.id, 1])),
      duplicateGroups: 0,
      callStates: null,
    },
    clients: [sup],
    durationSec: 4,
  });
  return {
    metrics,
    instances: 1,
    rssPeakMb: [100],
    rssTotalPeakMb: 100,
    rssBeforeMb: 90,
    rssEndMb: 95,
    cpuMsPerNotification: opts.cpu,
    pgCpuMsPerNotification: opts.pgCpu,
    dbTransactionsPerNotification: opts.work?.transactions ?? null,
    dbRowsWrittenPerNotification: opts.work?.rows ?? null,
    dbRowsWrittenByTable: opts.work?.tables ?? {},
    pushedBytesPerNotification: opts.work?.bytes ?? null,
    pushedBytesByEvent: opts.work
      ? { "calls:updated": opts.work.bytes - 1000, "managers:updated": 1000 }
      : {},
  };
}

const row = (rows: string[][] | undefined, label: string) =>
  rows?.find((r) => r[0]?.startsWith(label))?.[1];

describe("buildCallsReport", () => {
  it("adds the floor's figures and PostgreSQL's CPU at the top level of the JSON", () => {
    const pult = run({
      eventIds: ["e1"],
      stored: true,
      cpu: 2,
      pgCpu: 1,
      work: { transactions: 0.4, rows: 3.1, bytes: 9000, tables: { call_events: 2, calls: 1.1 } },
    });
    const floor = run({
      eventIds: ["e1"],
      stored: true,
      cpu: 0.5,
      pgCpu: 0.5,
      work: { transactions: 1, rows: 1, bytes: 1200, tables: { floor_notifications: 1 } },
    });
    const { json, tables } = buildCallsReport(meta, pult, floor);
    expect(json).toMatchObject({
      cpuMsPerNotification: 2,
      pgCpuMsPerNotification: 1,
      floorNotificationsPerSec: floor.metrics.notificationsPerSec,
      floorCpuMsPerNotification: 0.5,
      floorPgCpuMsPerNotification: 0.5,
      pushMatchedBy: "event",
      ratioToFloor: { cpuTotal: 3 },
      dbTransactionsPerNotification: 0.4,
      dbRowsWrittenPerNotification: 3.1,
      pushedBytesPerNotification: 9000,
      floorDbRowsWrittenPerNotification: 1,
      floorPushedBytesPerNotification: 1200,
    });
    expect(row(tables[0]?.rows, "PostgreSQL per stored notification")).toBe(
      "0.4 / 3.1 (call_events 2, calls 1.1)",
    );
    expect(row(tables[1]?.rows, "PostgreSQL per stored notification")).toBe("1 / 1");
    expect(row(tables[0]?.rows, "bytes pushed")).toBe(
      "9000 B (calls:updated 8000, managers:updated 1000)",
    );
    expect(row(tables[0]?.rows, "CPU per stored notification")).toBe("2.00 / 1.00 / 3.00 ms");
    expect(row(tables[2]?.rows, "CPU per notification, server + PostgreSQL")).toBe("3.00×");
    expect(row(tables[0]?.rows, "ack: sent → row written")).toBe("4.0 ms / 4.0 ms / 4.0 ms");
    expect(row(tables[0]?.rows, "fold:")).toBe("2.0 ms / 2.0 ms / 2.0 ms");
  });

  it("prints n/a for what could not be measured and marks pushes matched by call", () => {
    const pult = run({ stored: false, cpu: 2, pgCpu: null });
    const { json, tables } = buildCallsReport(meta, pult, null);
    expect(json).toMatchObject({
      pgCpuMsPerNotification: null,
      floorNotificationsPerSec: null,
      floorCpuMsPerNotification: null,
      floorPgCpuMsPerNotification: null,
      pushMatchedBy: "call",
    });
    const rows = tables[0]?.rows;
    expect(row(rows, "CPU per stored notification")).toBe("2.00 / n/a / n/a ms");
    expect(row(rows, "PostgreSQL per stored notification")).toBe("n/a / n/a");
    expect(row(rows, "bytes pushed")).toBe("n/a");
    expect(row(rows, "fold:")).toBe("n/a");
    expect(row(rows, "notification→browser")).toBe(
      "n/a (matched by call: server sends no eventIds)",
    );
    expect(tables).toHaveLength(1);
  });
});

describe("totalCpuMs", () => {
  it("is known only when both the server's and PostgreSQL's are", () => {
    expect(totalCpuMs({ cpuMsPerNotification: 1.25, pgCpuMsPerNotification: 0.5 })).toBe(1.75);
    expect(totalCpuMs({ cpuMsPerNotification: 1.25, pgCpuMsPerNotification: null })).toBeNull();
  });
});
