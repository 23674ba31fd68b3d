import { afterEach, describe, expect, it } from "vitest";
import {
  callIdOf,
  control,
  obtainTokens,
  rpc,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(() => stopHarness(harness));

async function makeCall(params: Record<string, string>) {
  harness = await startHarness();
  const { access_token: token } = await obtainTokens(harness.sim, harness.receiver.url);
  const answer = await rpc(harness.sim, token, "makeCall", params);
  const result = answer.result;
  if (
    typeof result !== "object" ||
    result === null ||
    !("callId" in result) ||
    typeof result.callId !== "string"
  ) {
    throw new Error(`makeCall failed: ${JSON.stringify(answer)}`);
  }
  return { h: harness, token, callId: result.callId };
}

describe("click-to-call", () => {
  it("rings the employee first, then dials the client, in that order", async () => {
    const { h, token, callId } = await makeCall({ workplaceId: "wp-104", to: "+79990001122" });
    const [started] = await h.receiver.waitFor("callStarted", callId);
    expect(started?.data).toEqual({
      callId,
      direction: "outgoing",
      from: "+74951234567",
      to: "+79990001122",
      workplaceId: "wp-104",
      parked: false,
    });
    const [delivered] = await h.receiver.waitFor("callDelivered", callId);
    expect(delivered?.data).toEqual({ callId, workplaceId: "wp-104" });
    expect(h.sim.state.call(callId)?.state).toBe("ringing");

    h.clock.advance(2000);
    await control(h.sim, "POST", `/control/calls/${callId}/answer`, { workplaceId: "wp-104" });
    expect(h.sim.state.call(callId)).toMatchObject({
      state: "dialing",
      leg: "second",
      remoteNumber: "+79990001122",
    });
    h.clock.advance(3000);
    await control(h.sim, "POST", `/control/calls/${callId}/answer`);
    const answered = await h.receiver.waitFor("callAnswered", callId, 2);
    const ordered = [...answered].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    expect(ordered.map((n) => n.data)).toEqual([
      { callId, workplaceId: "wp-104", party: "workplace" },
      { callId, workplaceId: "wp-104", party: "remote" },
    ]);
    const history = h.sim.state
      .call(callId)
      ?.history.map((e) => `${e.event}:${e.party ?? e.workplaceId ?? e.number ?? ""}`);
    expect(history).toEqual([
      "started:",
      "delivered:wp-104",
      "answered:workplace",
      "dialing:+79990001122",
      "answered:remote",
    ]);

    h.clock.advance(42_000);
    expect((await rpc(h.sim, token, "hangupCall", { callId })).result).toEqual({ ok: true });
    const [ended] = await h.receiver.waitFor("callEnded", callId);
    expect(ended?.data).toEqual({
      callId,
      result: "answered",
      durationSec: 47,
      talkSec: 42,
      hasRecording: true,
    });
    expect((await rpc(h.sim, token, "hangupCall", { callId })).error?.code).toBe(1001);
  });

  it("ends missed when the client does not pick up and busy when the client rejects", async () => {
    const { h, callId } = await makeCall({
      workplaceId: "wp-101",
      to: "+79990001122",
      callerNumber: "+78001234567",
    });
    const [started] = await h.receiver.waitFor("callStarted", callId);
    expect(started?.data.from).toBe("+78001234567");
    await control(h.sim, "POST", `/control/calls/${callId}/answer`);
    h.clock.advance(20_000);
    const [missed] = await h.receiver.waitFor("callEnded", callId);
    expect(missed?.data).toMatchObject({ result: "missed", talkSec: 0, hasRecording: false });
    expect(h.receiver.ofType("callAnswered", callId).map((n) => n.data.party)).toEqual([
      "workplace",
    ]);

    const second = await control(h.sim, "POST", "/control/click-to-call", {
      workplaceId: "wp-101",
      to: "+79990001133",
    });
    const secondId = callIdOf(second.json);
    await control(h.sim, "POST", `/control/calls/${secondId}/answer`);
    await control(h.sim, "POST", `/control/calls/${secondId}/decline`);
    const [busy] = await h.receiver.waitFor("callEnded", secondId);
    expect(busy?.data).toMatchObject({ result: "busy" });
  });

  it("ends busy when the employee declines and missed when nobody answers the first leg", async () => {
    const { h, token, callId } = await makeCall({ workplaceId: "wp-102", to: "+79990001122" });
    await control(h.sim, "POST", `/control/calls/${callId}/decline`);
    const [declined] = await h.receiver.waitFor("callEnded", callId);
    expect(declined?.data).toMatchObject({ result: "busy", talkSec: 0 });
    const again = await rpc(h.sim, token, "makeCall", {
      workplaceId: "wp-102",
      to: "+79990001122",
    });
    const againId = callIdOf(again.result);
    h.clock.advance(20_000);
    const [missed] = await h.receiver.waitFor("callEnded", againId);
    expect(missed?.data).toMatchObject({ result: "missed" });
    expect(h.receiver.ofType("callRedirected")).toEqual([]);
    expect(h.receiver.ofType("callDelivered", againId)).toHaveLength(1);
  });

  it("validates the workplace and the numbers", async () => {
    const { h, token } = await makeCall({ workplaceId: "wp-101", to: "+79990001122" });
    expect(
      (await rpc(h.sim, token, "makeCall", { workplaceId: "wp-0", to: "+79990001122" })).error
        ?.code,
    ).toBe(1003);
    expect(
      (await rpc(h.sim, token, "makeCall", { workplaceId: "wp-102", to: "8-999" })).error?.code,
    ).toBe(1004);
    const foreign = await rpc(h.sim, token, "makeCall", {
      workplaceId: "wp-102",
      to: "+79990001122",
      callerNumber: "+74950000000",
    });
    expect(foreign.error?.code).toBe(1004);
  });
});
