import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  control,
  incomingCall,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(async () => {
  await stopHarness(harness);
  harness = undefined;
});

const statsSchema = z.object({
  notifications: z.object({
    mode: z.string(),
    emitted: z.number(),
    delivered: z.number(),
    failed: z.number(),
    pending: z.number(),
    attemptOutcomes: z.record(z.string(), z.number()),
  }),
});

async function stats(h: Harness) {
  const { json } = await control(h.sim, "GET", "/control/stats");
  return statsSchema.parse(json).notifications;
}

describe("delivery mode (fault injection)", () => {
  it("hold keeps notifications until deliver sends them, with their original ids", async () => {
    harness = await startHarness();
    const put = await control(harness.sim, "PUT", "/control/delivery", { mode: "hold" });
    expect(put).toEqual({ status: 200, json: { mode: "hold" } });
    const callId = await incomingCall(harness.sim);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.receiver.received).toHaveLength(0);
    const held = harness.sim.state.notifications({ callId });
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((n) => n.state === "queued" && n.attempts.length === 0)).toBe(true);
    expect(await stats(harness)).toMatchObject({ mode: "hold", pending: held.length });

    await control(harness.sim, "PUT", "/control/delivery", { mode: "deliver" });
    await harness.receiver.waitFor("callStarted", callId);
    await expect.poll(async () => (await stats(harness as Harness)).pending).toBe(0);
    expect(harness.receiver.received.map((n) => n.id).sort()).toEqual(held.map((n) => n.id).sort());
    expect(await stats(harness)).toMatchObject({
      mode: "deliver",
      delivered: held.length,
      attemptOutcomes: { "204": held.length },
    });
  });

  it("drop fails new and retrying notifications at once, as if the PBX gave up", async () => {
    harness = await startHarness({ notificationRetryDelaysMs: [60_000] });
    // The receiver is gone: the first attempts fail and wait for a retry in a minute.
    await harness.receiver.close();
    await incomingCall(harness.sim);
    const isRetrying = () =>
      harness?.sim.state.notifications().every((n) => n.state === "retrying") ?? false;
    await expect.poll(isRetrying).toBe(true);
    const first = (await stats(harness)).emitted;
    expect(first).toBeGreaterThan(0);
    expect((await stats(harness)).attemptOutcomes).toEqual({ error: first });

    harness.sim.setDeliveryMode("drop");
    expect(await stats(harness)).toMatchObject({ mode: "drop", failed: first, pending: 0 });
    await incomingCall(harness.sim);
    const after = await stats(harness);
    expect(after.emitted).toBeGreaterThan(first);
    expect(after).toMatchObject({ failed: after.emitted, pending: 0 });
    // The minute passes (the calls emit more on the way): the old retry timers must not count
    // a notification twice.
    harness.clock.advance(61_000);
    const later = await stats(harness);
    expect(later).toMatchObject({ failed: later.emitted, delivered: 0, pending: 0 });
  });

  it("refuses an unknown mode with a clear error", async () => {
    harness = await startHarness();
    const res = await control(harness.sim, "PUT", "/control/delivery", { mode: "pause" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain("mode");
    expect(await control(harness.sim, "GET", "/control/delivery")).toEqual({
      status: 200,
      json: { mode: "deliver" },
    });
  });
});
