import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultDemoStructure } from "@/server/pbx-simulator/simulator";
import {
  control,
  incomingCall,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(() => stopHarness(harness));

const trafficSchema = z.object({
  isRunning: z.boolean(),
  generatedCalls: z.number(),
  activeCalls: z.number(),
});

describe("control API", () => {
  it("PUT /control/structure bumps the version and emits settingsChanged with the changed sections", async () => {
    harness = await startHarness();
    const structure = defaultDemoStructure();
    const [first, second, ...rest] = structure.workplaces;
    if (!first || !second) throw new Error("demo structure too small");
    const renamed = {
      ...structure,
      workplaces: [{ ...first, name: "Анна Иванова" }, second, ...rest],
    };
    const put = await control(harness.sim, "PUT", "/control/structure", renamed);
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ version: 2 });
    const [changed] = await harness.receiver.waitFor("settingsChanged");
    expect(changed?.data).toEqual({ sections: ["workplaces"] });

    const same = await control(harness.sim, "PUT", "/control/structure", renamed);
    expect(same.json).toMatchObject({ version: 2 }); // nothing changed: no bump, no notification

    const removed = { ...renamed, workplaces: [{ ...first, name: "Анна Иванова" }, ...rest] };
    expect((await control(harness.sim, "PUT", "/control/structure", removed)).json).toMatchObject({
      version: 3,
    });
    const changes = await harness.receiver.waitFor("settingsChanged", undefined, 2);
    expect(changes.map((n) => n.data)).toContainEqual({
      sections: ["workplaces", "terminals", "numbers"],
    });
    // The deleted workplace drops out of the numbers' routes, as in the cabinet.
    expect(harness.sim.state.structure.numbers[0]?.workplaceIds).toEqual([
      "wp-101",
      "wp-103",
      "wp-104",
    ]);
    expect(harness.receiver.ofType("settingsChanged")).toHaveLength(2);

    const invalid = await control(harness.sim, "PUT", "/control/structure", {
      workplaces: [{ id: "x" }],
      numbers: [],
    });
    expect(invalid.status).toBe(400);
    const duplicate = await control(harness.sim, "PUT", "/control/structure", {
      ...removed,
      workplaces: [first, first],
    });
    expect(duplicate.status).toBe(400);
    expect(harness.sim.state.structure.version).toBe(3);
  });

  it("manages calls and exposes the full record", async () => {
    harness = await startHarness();
    const unknown = await control(harness.sim, "POST", "/control/calls", {
      from: "+79160000000",
      to: "+74990000000",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: "not_found" } });
    const callId = await incomingCall(harness.sim);
    expect((await control(harness.sim, "POST", `/control/calls/${callId}/answer`)).status).toBe(
      409,
    ); // still parked
    harness.clock.advance(5000);
    const wrong = await control(harness.sim, "POST", `/control/calls/${callId}/answer`, {
      workplaceId: "wp-104",
    });
    expect(wrong.status).toBe(409);
    await control(harness.sim, "POST", `/control/calls/${callId}/answer`, {
      workplaceId: "wp-101",
    });
    const active = z
      .object({ calls: z.array(z.object({ callId: z.string() })) })
      .parse((await control(harness.sim, "GET", "/control/calls?active=1")).json);
    expect(active.calls.map((c) => c.callId)).toEqual([callId]);
    const phones = z
      .object({ workplaces: z.array(z.object({ id: z.string(), status: z.string() })) })
      .parse((await control(harness.sim, "GET", "/control/phones")).json);
    expect(phones.workplaces.find((w) => w.id === "wp-101")?.status).toBe("talking");
    expect(phones.workplaces.find((w) => w.id === "wp-102")?.status).toBe("idle");
    harness.clock.advance(4000);
    await control(harness.sim, "POST", `/control/calls/${callId}/hangup`);
    const record = await control(harness.sim, "GET", `/control/calls/${callId}`);
    expect(record.json).toMatchObject({
      callId,
      state: "ended",
      result: "answered",
      talkSec: 4,
      decision: { method: "timeout" },
      parkedAt: "2025-01-15T09:00:00.000Z",
      decisionAt: "2025-01-15T09:00:05.000Z",
      workplaceId: "wp-101",
    });
    const history = z
      .object({ history: z.array(z.object({ at: z.string(), event: z.string() })) })
      .parse(record.json).history;
    expect(history.map((e) => e.event)).toEqual([
      "started",
      "parked",
      "decision",
      "delivered",
      "answered",
      "hangup",
      "ended",
    ]);
    expect((await control(harness.sim, "GET", "/control/calls/nope")).status).toBe(404);
    expect((await control(harness.sim, "POST", `/control/calls/${callId}/hangup`)).status).toBe(
      409,
    );
  });

  it("answers a call placed with isTraffic like generated traffic, and only that one", async () => {
    harness = await startHarness({ ringTimeoutMs: 10_000, remoteAnswerDelayMs: null });
    const settings = { callsPerMinute: 0, answerRatio: 1, meanTalkSec: 2, meanRingSec: 0.5 };
    await control(harness.sim, "POST", "/control/traffic", settings);
    const place = async (isTraffic?: boolean) => {
      const res = await control(harness!.sim, "POST", "/control/calls", {
        from: "+79160000001",
        to: "+74951234567",
        ...(isTraffic === undefined ? {} : { isTraffic }),
      });
      expect(res.status).toBe(201);
      return z.object({ callId: z.string() }).parse(res.json).callId;
    };
    const traffic = await place(true);
    const manual = await place(false);
    expect(
      (
        await control(harness.sim, "POST", "/control/calls", {
          from: "+7",
          to: "+74951234567",
          isTraffic: "yes",
        })
      ).status,
    ).toBe(400);
    harness.clock.advance(5000 + 9_000); // park timeout, then up to the ring timeout (< 10 s)
    const traffic1 = harness.sim.state.call(traffic);
    expect(traffic1?.isTraffic).toBe(true);
    expect(traffic1?.answeredAt).not.toBeNull();
    expect(harness.sim.state.call(manual)?.answeredAt).toBeNull();
    harness.clock.advance(60_000);
    expect(harness.sim.state.call(traffic)).toMatchObject({ state: "ended", result: "answered" });
    const record = await control(harness.sim, "GET", `/control/calls/${traffic}`);
    // The per-call count comes from the log's index: callStarted, callDelivered, callAnswered,
    // callEnded and recordingReady.
    expect(record.json).toMatchObject({ notifications: 5 });
  });

  it("serves the demo phones page with one card per workplace", async () => {
    harness = await startHarness();
    const res = await fetch(`${harness.sim.url}/phones`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html.match(/<article class="card"/g)).toHaveLength(8);
    expect(html).toContain("Анна Смирнова");
    expect(html).toContain("Ответить / Answer");
    expect(html).toContain("/control/phones");
  });

  it("the traffic generator makes calls, answers and ends them, then stops", async () => {
    harness = await startHarness({ remoteAnswerDelayMs: 2000 });
    const pool = ["+79990000001", "+79990000002", "+79990000003"];
    const start = await control(harness.sim, "POST", "/control/traffic", {
      callsPerMinute: 20,
      answerRatio: 1,
      meanTalkSec: 20,
      seed: 7,
      callerPool: pool,
    });
    expect(start.json).toMatchObject({ isRunning: true, callsPerMinute: 20 });
    harness.clock.advance(120_000);
    const running = trafficSchema.parse(
      (await control(harness.sim, "GET", "/control/traffic")).json,
    );
    expect(running.generatedCalls).toBeGreaterThan(20);
    expect(running.generatedCalls).toBeLessThan(70);
    const stop = trafficSchema.parse(
      (await control(harness.sim, "POST", "/control/traffic", { callsPerMinute: 0 })).json,
    );
    expect(stop.isRunning).toBe(false);
    harness.clock.advance(600_000); // every generated call has ended by now
    const after = trafficSchema.parse((await control(harness.sim, "GET", "/control/traffic")).json);
    expect(after).toMatchObject({ generatedCalls: running.generatedCalls, activeCalls: 0 });
    const calls = harness.sim.state.calls();
    expect(calls).toHaveLength(running.generatedCalls);
    expect(calls.every((c) => c.isTraffic && pool.includes(c.from) && c.state === "ended")).toBe(
      true,
    );
    expect(calls.filter((c) => c.result === "answered" && c.hasRecording).length).toBeGreaterThan(
      calls.length / 2,
    );
  });

  it("traffic runs at up to 1000 calls/s and meanRingSec sets how long employees let it ring", async () => {
    harness = await startHarness({ ringTimeoutMs: 10_000 });
    const settings = { answerRatio: 1, meanTalkSec: 1, meanRingSec: 0.2, seed: 3 };
    const start = await control(harness.sim, "POST", "/control/traffic", {
      ...settings,
      callsPerMinute: 60_000,
    });
    expect(start.json).toMatchObject({ isRunning: true, callsPerMinute: 60_000, meanRingSec: 0.2 });
    harness.clock.advance(100);
    // Stopped with the same settings, so calls in progress keep their short rings.
    await control(harness.sim, "POST", "/control/traffic", { ...settings, callsPerMinute: 0 });
    harness.clock.advance(60_000);
    const calls = harness.sim.state.calls();
    expect(calls.length).toBeGreaterThan(60);
    expect(calls.length).toBeLessThan(140);
    const answered = calls.filter((c) => c.answeredAt !== null);
    expect(answered.length).toBeGreaterThan(0);
    // Rings are short (exponential, mean 200 ms), far below the 2–9 s the default would give.
    const rings = answered.map((c) => {
      const at = (event: string) =>
        Date.parse(c.history.findLast((h) => h.event === event)?.at ?? "");
      return at("answered") - at("delivered");
    });
    const meanRing = rings.reduce((a, b) => a + b, 0) / rings.length;
    expect(meanRing).toBeGreaterThan(50);
    expect(meanRing).toBeLessThan(600);
    expect(Math.max(...rings)).toBeLessThanOrEqual(9_000);

    const tooFast = await control(harness.sim, "POST", "/control/traffic", {
      callsPerMinute: 60_001,
    });
    expect(tooFast.status).toBe(400);
  });
});
