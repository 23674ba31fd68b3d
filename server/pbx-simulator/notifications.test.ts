import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  control,
  credentials,
  incomingCall,
  startHarness,
  startReceiver,
  stopHarness,
  waitFor,
  type Harness,
  type Receiver,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
let extra: Receiver | undefined;
afterEach(async () => {
  await stopHarness(harness);
  await extra?.close();
  extra = undefined;
});

const logSchema = z.object({
  notifications: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      state: z.string(),
      attempts: z.array(z.object({ status: z.number().nullable(), error: z.string().nullable() })),
    }),
  ),
});

async function deliveryLog(h: Harness, callId: string) {
  const { json } = await control(h.sim, "GET", `/control/notifications?callId=${callId}`);
  return logSchema.parse(json).notifications;
}

describe("notifications", () => {
  it("are signed with HMAC-SHA256 of the raw body keyed with the client secret", async () => {
    harness = await startHarness();
    const callId = await incomingCall(harness.sim);
    const [started] = await harness.receiver.waitFor("callStarted", callId);
    if (!started) throw new Error("no callStarted");
    const expected = createHmac("sha256", credentials.clientSecret)
      .update(started.raw)
      .digest("hex");
    expect(started.headers["x-mtt-signature"]).toBe(`sha256=${expected}`);
    expect(started.headers["content-type"]).toBe("application/json");
    const body = z.record(z.string(), z.unknown()).parse(JSON.parse(started.raw));
    expect(Object.keys(body)).toEqual(["id", "type", "occurredAt", "data"]);
    const other = createHmac("sha256", "another-secret").update(started.raw).digest("hex");
    expect(started.headers["x-mtt-signature"]).not.toBe(`sha256=${other}`);
  });

  it("can be sent unsigned", async () => {
    harness = await startHarness({ signNotifications: false });
    const callId = await incomingCall(harness.sim);
    const [started] = await harness.receiver.waitFor("callStarted", callId);
    expect(started?.headers["x-mtt-signature"]).toBeUndefined();
  });

  it("are redelivered with the same id and body after a 500, on the retry schedule", async () => {
    const seen = new Set<string>();
    extra = await startReceiver((n) => {
      if (n.type !== "callStarted" || seen.has(n.id)) return 204;
      seen.add(n.id);
      return 500;
    });
    harness = await startHarness({
      redirectUri: extra.url,
      notificationRetryDelaysMs: [1000, 5000],
    });
    const callId = await incomingCall(harness.sim);
    await waitFor(
      () =>
        harness?.sim.state.notifications({ callId, type: "callStarted" })[0]?.state === "retrying",
    );
    harness.clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(extra.ofType("callStarted", callId)).toHaveLength(1);
    harness.clock.advance(1);
    const [first, second] = await extra.waitFor("callStarted", callId, 2);
    expect(second?.id).toBe(first?.id);
    expect(second?.raw).toBe(first?.raw);
    const entry = (await deliveryLog(harness, callId)).find((n) => n.type === "callStarted");
    expect(entry?.state).toBe("delivered");
    expect(entry?.attempts.map((a) => a.status)).toEqual([500, 204]);
  });

  it("retry after a timeout, then give up after the last delay", async () => {
    extra = await startReceiver((n) => (n.type === "callStarted" ? "hang" : 503));
    harness = await startHarness({
      redirectUri: extra.url,
      notificationRetryDelaysMs: [10],
      notificationTimeoutMs: 100,
    });
    const callId = await incomingCall(harness.sim);
    await waitFor(() => harness?.sim.state.notifications({ callId })[0]?.state === "retrying");
    harness.clock.advance(10);
    await waitFor(() => harness?.sim.state.notifications({ callId })[0]?.state === "failed");
    const [entry] = await deliveryLog(harness, callId);
    expect(entry?.attempts).toHaveLength(2);
    expect(entry?.attempts[0]?.status).toBeNull();
    expect(entry?.attempts[0]?.error).toMatch(/abort|timeout/i);
  });

  it("GET /control/deliveries pages through finished deliveries with send and 2xx times", async () => {
    extra = await startReceiver((n) => (n.type === "callDelivered" ? "hang" : 204));
    harness = await startHarness({
      redirectUri: extra.url,
      notificationRetryDelaysMs: [],
      notificationTimeoutMs: 1500, // long enough for a busy machine, short for the test
    });
    const before = Date.now();
    const callId = await incomingCall(harness.sim);
    harness.clock.advance(5000); // no routing decision: the park times out and the call rings
    await waitFor(
      () =>
        harness?.sim.state
          .notifications({ callId })
          .every((n) => n.state === "delivered" || n.state === "failed"),
      2000,
    );
    const pageSchema = z.object({
      deliveries: z.array(
        z.object({
          seq: z.number(),
          id: z.string(),
          type: z.string(),
          callId: z.string().nullable(),
          sentAtMs: z.number(),
          ackedAtMs: z.number().nullable(),
          attempts: z.number(),
          status: z.number().nullable(),
        }),
      ),
      lastSeq: z.number(),
    });
    const all = pageSchema.parse((await control(harness.sim, "GET", "/control/deliveries")).json);
    expect(all.lastSeq).toBe(2);
    expect(all.deliveries.map((d) => d.seq)).toEqual([1, 2]);
    const started = all.deliveries.find((d) => d.type === "callStarted");
    const delivered = all.deliveries.find((d) => d.type === "callDelivered");
    expect(started).toMatchObject({ callId, attempts: 1, status: 204 });
    expect(started?.sentAtMs).toBeGreaterThanOrEqual(before - 1);
    expect(started?.ackedAtMs).toBeGreaterThanOrEqual(started?.sentAtMs ?? Infinity);
    expect(started?.ackedAtMs).toBeLessThanOrEqual(Date.now() + 1);
    // The receiver never answered: no acknowledgement time, no status.
    expect(delivered).toMatchObject({ callId, ackedAtMs: null, status: null, attempts: 1 });

    const rest = pageSchema.parse(
      (await control(harness.sim, "GET", "/control/deliveries?after=1&limit=5")).json,
    );
    expect(rest.deliveries.map((d) => d.seq)).toEqual([2]);
    const stats = await control(harness.sim, "GET", "/control/stats");
    expect(stats.json).toMatchObject({
      notifications: { emitted: 2, delivered: 1, failed: 1, pending: 0, attempts: 2, lastSeq: 2 },
      traffic: { isRunning: false },
    });
  });

  it("are queued until a Redirect URI is registered", async () => {
    harness = await startHarness({ redirectUri: undefined });
    const callId = await incomingCall(harness.sim);
    expect(harness.sim.state.notifications({ callId }).map((n) => n.state)).toEqual(["queued"]);
    harness.sim.registerRedirectUri(harness.receiver.url);
    const [started] = await harness.receiver.waitFor("callStarted", callId);
    expect(started?.data.callId).toBe(callId);
  });
});
