import { describe, expect, it } from "vitest";
import { buildSweepReport, findKnee, isHeld } from "@/scripts/bench/calls-sweep";

const spread = (p50: number, p99: number, n = 100) => ({ p50, p95: p99, p99, n });

describe("isHeld", () => {
  const base = { ack: spread(5, 20), notificationsPerSec: 485, offeredNotificationsPerSec: 490 };
  it("needs ack p99 under 50 ms and at least 97 % of the offered rate acknowledged", () => {
    expect(isHeld(base)).toBe(true);
    expect(isHeld({ ...base, ack: spread(5, 50) })).toBe(false);
    expect(isHeld({ ...base, notificationsPerSec: 0.969 * 490 })).toBe(false);
    expect(isHeld({ ...base, notificationsPerSec: 0.97 * 490 })).toBe(true);
  });
  it("is not held when nothing was acknowledged or offered", () => {
    expect(isHeld({ ...base, ack: spread(0, 0, 0) })).toBe(false);
    expect(isHeld({ ...base, notificationsPerSec: 0, offeredNotificationsPerSec: 0 })).toBe(false);
  });
});

describe("findKnee", () => {
  it("is the highest rate held, whatever the order", () => {
    expect(
      findKnee([
        { rate: 100, held: false },
        { rate: 20, held: true },
        { rate: 50, held: true },
        { rate: 150, held: false },
      ]),
    ).toBe(50);
  });
  it("is null when no rate held", () => {
    expect(findKnee([{ rate: 20, held: false }])).toBeNull();
    expect(findKnee([])).toBeNull();
  });
});

describe("buildSweepReport", () => {
  type Metrics = Parameters<typeof buildSweepReport>[0][number]["pult"]["metrics"];
  const run = (ackP99: number, over: Partial<Metrics> = {}) => ({
    metrics: {
      notificationsPerSec: 100,
      offeredNotificationsPerSec: 100,
      ack: spread(3, ackP99),
      eventToAck: spread(3, ackP99 + 1),
      push: spread(4, ackP99 + 2),
      pushMatchedBy: "event" as const,
      ...over,
    },
    cpuMsPerNotification: 0.5,
    pgCpuMsPerNotification: null,
    dbTransactionsPerNotification: null,
    dbRowsWrittenPerNotification: null,
    pushedBytesPerNotification: null,
    pushedBytesByEvent: {},
    dbRowsWrittenByTable: {},
  });

  it("prints a row per rate and server, the knee of each, and { sweep, knee } as JSON", () => {
    const report = buildSweepReport(
      [
        { rate: 20, pult: run(30), floor: run(5), json: { ackP99Ms: 30 } },
        {
          rate: 50,
          pult: run(80, { push: spread(0, 0, 0), pushMatchedBy: "call" }),
          floor: run(6),
          json: { ackP99Ms: 80 },
        },
      ],
      { clients: 20 },
    );
    const rows = report.tables[0]?.rows ?? [];
    expect(rows.map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      ["20", "Pult", "yes"],
      ["20", "floor", "yes"],
      ["50", "Pult", "no"],
      ["50", "floor", "yes"],
      ["knee", "Pult", "20 calls/s"],
      ["knee", "floor", "50 calls/s"],
    ]);
    // A figure the server did not provide reads n/a; PostgreSQL's CPU unknown reads n/a.
    expect(rows[2]?.[6]).toBe("n/a (by call)");
    expect(rows[0]?.[7]).toBe("0.50 / n/a");
    expect(report.json).toEqual({
      sweep: [
        { rate: 20, ackP99Ms: 30 },
        { rate: 50, ackP99Ms: 80 },
      ],
      knee: { pult: 20, floor: 50 },
    });
  });

  it("has no floor knee without a floor run", () => {
    const report = buildSweepReport([{ rate: 20, pult: run(90), floor: null, json: {} }], {
      clients: 20,
    });
    expect(report.json.knee).toEqual({ pult: null, floor: null });
    expect(report.tables[0]?.rows.at(-1)).toEqual([
      "knee",
      "Pult",
      "",
      "",
      "",
      "",
      "",
      "",
      "none held",
    ]);
  });
});
