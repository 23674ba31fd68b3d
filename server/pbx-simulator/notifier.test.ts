import { describe, expect, it } from "vitest";
import { createManualClock } from "@/server/pbx-simulator/clock";
import { silentLog } from "@/server/pbx-simulator/log";
import { createNotifier } from "@/server/pbx-simulator/notifier";

function notifier(logLimit: number) {
  return createNotifier({
    clock: createManualClock(),
    // No receiver at all: nothing goes on the network, held entries stay pending.
    targetUrl: () => undefined,
    secret: "s",
    sign: true,
    retryDelaysMs: [1000],
    timeoutMs: 1000,
    log: silentLog,
    logLimit,
  });
}

describe("notification log", () => {
  it("stays bounded by dropping the oldest finished entries, never pending ones", () => {
    const n = notifier(3);
    n.setMode("drop"); // each entry fails (finishes) as soon as it is emitted
    const [c1, c2, c3] = ["c1", "c2", "c3"].map((callId) => n.emit("callStarted", { callId }).id);
    n.setMode("hold");
    const h1 = n.emit("callEnded", { callId: "c1" }).id;
    const h2 = n.emit("callStarted", { callId: "h2" }).id;
    expect(n.list().map((e) => e.id)).toEqual([c3, h1, h2]);
    expect(n.list({ callId: "c1" }).map((e) => e.id)).toEqual([h1]);
    expect([n.countFor("c1"), n.countFor("c2"), n.countFor("c3")]).toEqual([1, 0, 1]);

    const h3 = n.emit("callStarted", { callId: "h3" }).id;
    const h4 = n.emit("callStarted", { callId: "h4" }).id;
    // Only pending entries are left: the log may exceed its limit rather than lose them.
    expect(n.list().map((e) => e.id)).toEqual([h1, h2, h3, h4]);
    expect(n.list().every((e) => e.state === "queued")).toBe(true);
    expect(n.stats()).toMatchObject({ emitted: 7, failed: 3, pending: 4 });
    // The delivery journal keeps every finished delivery, also those the log dropped.
    expect(n.deliveries(0, 10).map((d) => d.id)).toEqual([c1, c2, c3]);
    expect(n.deliveries(2, 10).map((d) => d.id)).toEqual([c3]);
    n.close();
  });
});
