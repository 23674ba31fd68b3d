import { afterEach, describe, expect, it } from "vitest";
import {
  control,
  incomingCall,
  obtainTokens,
  rpc,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(() => stopHarness(harness));

async function setup() {
  harness = await startHarness();
  const tokens = await obtainTokens(harness.sim, harness.receiver.url);
  return { h: harness, token: tokens.access_token };
}

function byTime<T extends { occurredAt: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

describe("parking", () => {
  it("announces a parked call and records a transferCall decision with its target", async () => {
    const { h, token } = await setup();
    const callId = await incomingCall(h.sim);
    const [started] = await h.receiver.waitFor("callStarted", callId);
    expect(started?.data).toEqual({
      callId,
      direction: "incoming",
      from: "+79161112233",
      to: "+74951234567",
      parked: true,
      parkTimeoutMs: 5000,
    });
    h.clock.advance(1234);
    const answer = await rpc(h.sim, token, "transferCall", {
      callId,
      target: { workplaceId: "wp-103" },
    });
    expect(answer.result).toEqual({ ok: true });
    const call = h.sim.state.call(callId);
    expect(call?.decision).toEqual({ method: "transferCall", target: { workplaceId: "wp-103" } });
    expect(call?.decisionAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(call?.decisionAt ?? "") - Date.parse(call?.parkedAt ?? "")).toBe(1234);
    const [delivered] = await h.receiver.waitFor("callDelivered", callId);
    expect(delivered?.data).toEqual({ callId, workplaceId: "wp-103" });

    h.clock.advance(6000); // past the park window: the cancelled park timer must not fire
    expect(h.sim.state.call(callId)?.decision?.method).toBe("transferCall");
    expect(
      (await rpc(h.sim, token, "transferCall", { callId, target: { workplaceId: "wp-101" } })).error
        ?.code,
    ).toBe(1002);
    expect((await rpc(h.sim, token, "terminateCall", { callId })).error?.code).toBe(1002);
  });

  it("times out to the standard route; later control calls get 1002", async () => {
    const { h, token } = await setup();
    const callId = await incomingCall(h.sim);
    h.clock.advance(4999);
    expect(h.sim.state.call(callId)?.state).toBe("parked");
    h.clock.advance(1);
    const call = h.sim.state.call(callId);
    expect(call?.decision).toEqual({ method: "timeout" });
    expect(Date.parse(call?.decisionAt ?? "") - Date.parse(call?.parkedAt ?? "")).toBe(5000);
    const [delivered] = await h.receiver.waitFor("callDelivered", callId);
    expect(delivered?.data.workplaceId).toBe("wp-101");
    const late = await rpc(h.sim, token, "transferCall", {
      callId,
      target: { workplaceId: "wp-103" },
    });
    expect(late.error?.code).toBe(1002);
  });

  it("terminateCall releases the call to the number's workplaces in order", async () => {
    const { h, token } = await setup();
    const callId = await incomingCall(h.sim, "+78001234567");
    expect((await rpc(h.sim, token, "terminateCall", { callId })).result).toEqual({ ok: true });
    expect(h.sim.state.call(callId)?.decision).toEqual({ method: "terminateCall" });
    await h.receiver.waitFor("callDelivered", callId);
    expect(h.sim.state.call(callId)?.ringingWorkplaceId).toBe("wp-105");
  });

  it("a call to a number without parking is routed at once and is not parked", async () => {
    const { h, token } = await setup();
    const structure = h.sim.state.structure;
    const numbers = structure.numbers.map((n) => ({ ...n, parking: n.number !== "+79031234567" }));
    expect(
      (await control(h.sim, "PUT", "/control/structure", { ...structure, numbers })).status,
    ).toBe(200);
    const callId = await incomingCall(h.sim, "+79031234567");
    const [started] = await h.receiver.waitFor("callStarted", callId);
    expect(started?.data).toMatchObject({ parked: false });
    expect(started?.data).not.toHaveProperty("parkTimeoutMs");
    expect(h.sim.state.call(callId)).toMatchObject({
      parkedAt: null,
      decision: null,
      ringingWorkplaceId: "wp-201",
    });
    expect((await rpc(h.sim, token, "terminateCall", { callId })).error?.code).toBe(1002);
  });
});

describe("routing", () => {
  it("walks the route on no answer and ends missed", async () => {
    const { h, token } = await setup();
    const callId = await incomingCall(h.sim, "+78001234567");
    await rpc(h.sim, token, "terminateCall", { callId });
    for (let i = 0; i < 4; i++) h.clock.advance(20_000);
    const [ended] = await h.receiver.waitFor("callEnded", callId);
    expect(ended?.data).toEqual({
      callId,
      result: "missed",
      durationSec: 80,
      talkSec: 0,
      hasRecording: false,
    });
    const redirects = byTime(await h.receiver.waitFor("callRedirected", callId, 3)).map(
      (n) => n.data,
    );
    expect(redirects).toEqual([
      { callId, fromWorkplaceId: "wp-105", reason: "noAnswer", to: { workplaceId: "wp-106" } },
      { callId, fromWorkplaceId: "wp-106", reason: "noAnswer", to: { workplaceId: "wp-201" } },
      { callId, fromWorkplaceId: "wp-201", reason: "noAnswer", to: { workplaceId: "wp-202" } },
    ]);
    const delivered = byTime(await h.receiver.waitFor("callDelivered", callId, 4));
    expect(delivered.map((n) => n.data.workplaceId)).toEqual([
      "wp-105",
      "wp-106",
      "wp-201",
      "wp-202",
    ]);
  });

  it("skips a busy workplace and a declining one with reason busy", async () => {
    const { h, token } = await setup();
    const first = await incomingCall(h.sim);
    await rpc(h.sim, token, "terminateCall", { callId: first });
    expect(
      (await control(h.sim, "POST", `/control/calls/${first}/answer`, { workplaceId: "wp-101" }))
        .status,
    ).toBe(200);
    const [answered] = await h.receiver.waitFor("callAnswered", first);
    expect(answered?.data).toEqual({ callId: first, workplaceId: "wp-101", party: "workplace" });

    const second = await incomingCall(h.sim, "+74951234567", "+79995554433");
    await rpc(h.sim, token, "terminateCall", { callId: second });
    const [busy] = await h.receiver.waitFor("callRedirected", second);
    expect(busy?.data).toEqual({
      callId: second,
      fromWorkplaceId: "wp-101",
      reason: "busy",
      to: { workplaceId: "wp-102" },
    });
    expect((await control(h.sim, "POST", `/control/calls/${second}/decline`)).status).toBe(200);
    const redirects = await h.receiver.waitFor("callRedirected", second, 2);
    expect(redirects.map((n) => n.data)).toContainEqual({
      callId: second,
      fromWorkplaceId: "wp-102",
      reason: "busy",
      to: { workplaceId: "wp-103" },
    });
  });

  it("transferCall on an answered call is a transfer: redirect, then the target rings", async () => {
    const { h, token } = await setup();
    const callId = await incomingCall(h.sim);
    await rpc(h.sim, token, "terminateCall", { callId });
    await control(h.sim, "POST", `/control/calls/${callId}/answer`);
    h.clock.advance(10_000);
    expect(
      (await rpc(h.sim, token, "transferCall", { callId, target: { workplaceId: "wp-999" } })).error
        ?.code,
    ).toBe(1003);
    expect(
      (await rpc(h.sim, token, "transferCall", { callId, target: { number: "12" } })).error?.code,
    ).toBe(1004);
    expect(
      (await rpc(h.sim, token, "transferCall", { callId, target: { workplaceId: "wp-202" } }))
        .result,
    ).toEqual({ ok: true });
    const [redirected] = await h.receiver.waitFor("callRedirected", callId);
    expect(redirected?.data).toEqual({
      callId,
      fromWorkplaceId: "wp-101",
      reason: "transfer",
      to: { workplaceId: "wp-202" },
    });
    await h.receiver.waitFor("callDelivered", callId, 2);
    await control(h.sim, "POST", `/control/calls/${callId}/answer`, { workplaceId: "wp-202" });
    h.clock.advance(5000);
    expect((await rpc(h.sim, token, "hangupCall", { callId })).result).toEqual({ ok: true });
    const [ended] = await h.receiver.waitFor("callEnded", callId);
    expect(ended?.data).toMatchObject({ result: "answered", talkSec: 15, hasRecording: true });
    expect(h.sim.state.call(callId)?.workplaceId).toBe("wp-202");
  });

  it("a parked call sent to an outside number is answered by the remote side", async () => {
    const { h, token } = await setup();
    const callId = await incomingCall(h.sim);
    await rpc(h.sim, token, "transferCall", { callId, target: { number: "+74997776655" } });
    expect(h.sim.state.call(callId)).toMatchObject({
      state: "dialing",
      remoteNumber: "+74997776655",
    });
    await control(h.sim, "POST", `/control/calls/${callId}/answer`);
    h.clock.advance(3000);
    await control(h.sim, "POST", `/control/calls/${callId}/hangup`);
    const [ended] = await h.receiver.waitFor("callEnded", callId);
    expect(ended?.data).toMatchObject({ result: "answered", talkSec: 3 });
  });
});
