import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  control,
  incomingCall,
  obtainTokens,
  rpc,
  rpcAnswerSchema,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(() => stopHarness(harness));

async function setup(options: Parameters<typeof startHarness>[0] = {}) {
  harness = await startHarness(options);
  const tokens = await obtainTokens(harness.sim, harness.receiver.url);
  const post = (body: string) =>
    fetch(`${harness?.sim.url}/vats/v1`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${tokens.access_token}`,
      },
      body,
    });
  return { h: harness, token: tokens.access_token, post };
}

const callsSchema = z.object({
  calls: z.array(z.object({ callId: z.string(), startedAt: z.string(), result: z.string() })),
  nextCursor: z.string().optional(),
});

describe("JSON-RPC envelope", () => {
  it("maps malformed requests to the standard error codes", async () => {
    const { h, token, post } = await setup();
    const parse = await post("{not json");
    expect(rpcAnswerSchema.parse(await parse.json()).error?.code).toBe(-32700);
    const envelope = await post(JSON.stringify({ id: 7, method: "getStructure" }));
    expect(rpcAnswerSchema.parse(await envelope.json()).error?.code).toBe(-32600);
    expect((await rpc(h.sim, token, "dialEverybody", {})).error?.code).toBe(-32601);
    expect((await rpc(h.sim, token, "terminateCall", {})).error?.code).toBe(-32602);
    expect((await rpc(h.sim, token, "terminateCall", { callId: 5 })).error?.code).toBe(-32602);
    expect((await rpc(h.sim, token, "terminateCall", ["c"])).error?.code).toBe(-32602);
    expect(
      (await rpc(h.sim, token, "transferCall", { callId: "c", target: { queue: "x" } })).error
        ?.code,
    ).toBe(-32602);
    expect(
      (await rpc(h.sim, token, "getCalls", { from: "yesterday", to: "today" })).error?.code,
    ).toBe(-32602);
    expect((await rpc(h.sim, token, "terminateCall", { callId: "missing" })).error).toMatchObject({
      code: 1001,
    });
    const batch = await post(
      JSON.stringify([
        { jsonrpc: "2.0", id: 1, method: "getStructure" },
        { jsonrpc: "2.0", method: "getStructure" },
      ]),
    );
    expect(
      z
        .array(rpcAnswerSchema)
        .parse(await batch.json())
        .map((a) => a.id),
    ).toEqual([1]);
  });

  it("needs a Bearer token and answers 429 with Retry-After over the rate limit", async () => {
    const { h, post } = await setup({ rateLimit: { requestsPerSecond: 3 } });
    const anonymous = await fetch(`${h.sim.url}/vats/v1`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    h.clock.advance(1000);
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getStructure" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(body)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await post(body);
    expect(limited.headers.get("retry-after")).toBe("1");
    h.clock.advance(1000);
    expect((await post(body)).status).toBe(200);
  });
});

describe("methods", () => {
  it("getStructure returns the contract's shape", async () => {
    const { h, token } = await setup();
    const { result } = await rpc(h.sim, token, "getStructure");
    const structure = z
      .object({
        version: z.number(),
        workplaces: z.array(
          z.strictObject({
            id: z.string(),
            name: z.string(),
            extension: z.string(),
            distribution: z.enum(["all", "serial", "random"]),
            terminals: z.array(
              z.strictObject({
                id: z.string(),
                kind: z.enum(["sip", "app", "mobile", "forward"]),
                label: z.string(),
                address: z.string(),
              }),
            ),
          }),
        ),
        numbers: z.array(
          z.strictObject({
            number: z.string(),
            kind: z.enum(["city", "tollfree", "mobile"]),
            label: z.string(),
            parking: z.boolean(),
            workplaceIds: z.array(z.string()),
          }),
        ),
      })
      .strict()
      .parse(result);
    expect(structure.workplaces.length).toBeGreaterThanOrEqual(8);
    expect(new Set(structure.workplaces.flatMap((w) => w.terminals.map((t) => t.kind)))).toEqual(
      new Set(["sip", "app", "mobile", "forward"]),
    );
    expect(structure.numbers.filter((n) => n.parking)).toHaveLength(3);
    expect(structure.numbers.map((n) => n.number)).toContain("+78001234567");
  });

  it("getCalls pages through ended calls in the window with a cursor", async () => {
    const { h, token } = await setup({ historyPageSize: 2 });
    const windowStart = new Date(h.clock.now()).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const callId = await incomingCall(h.sim);
      ids.push(callId);
      if (i < 4) await control(h.sim, "POST", `/control/calls/${callId}/hangup`);
      h.clock.advance(1000);
    }
    const windowEnd = new Date(h.clock.now()).toISOString();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { result } = await rpc(h.sim, token, "getCalls", {
        from: windowStart,
        to: windowEnd,
        ...(cursor ? { cursor } : {}),
      });
      const parsed = callsSchema.parse(result);
      expect(parsed.calls.length).toBeLessThanOrEqual(2);
      seen.push(...parsed.calls.map((c) => c.callId));
      cursor = parsed.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(ids.slice(0, 4)); // the fifth is still active
    const { result } = await rpc(h.sim, token, "getCalls", { from: windowEnd, to: windowEnd });
    expect(callsSchema.parse(result).calls).toEqual([]);
    const bad = await rpc(h.sim, token, "getCalls", {
      from: windowStart,
      to: windowEnd,
      cursor: "garbage",
    });
    expect(bad.error?.code).toBe(-32602);
    const { result: first } = await rpc(h.sim, token, "getCalls", {
      from: windowStart,
      to: windowEnd,
    });
    const rawCalls = z
      .object({ calls: z.array(z.record(z.string(), z.unknown())) })
      .parse(first).calls;
    expect(rawCalls[0]).toEqual({
      callId: ids[0],
      direction: "incoming",
      from: "+79161112233",
      to: "+74951234567",
      startedAt: windowStart,
      endedAt: windowStart,
      result: "missed",
    });
  });

  it("getActiveCalls lists the calls in progress, in the contract's states", async () => {
    const { h, token } = await setup();
    const activeSchema = z.object({
      calls: z.array(z.object({ callId: z.string(), state: z.string(), startedAt: z.string() })),
    });
    const list = async () => activeSchema.parse((await rpc(h.sim, token, "getActiveCalls")).result);
    expect((await list()).calls).toEqual([]);
    const ringing = await incomingCall(h.sim);
    const ended = await incomingCall(h.sim, "+74951234567", "+79160000001");
    await control(h.sim, "POST", `/control/calls/${ended}/hangup`);
    const active = (await list()).calls;
    expect(active.map((c) => c.callId)).toEqual([ringing]);
    expect(["parked", "ringing", "talking"]).toContain(active[0]?.state);
    expect(active[0]?.startedAt).toBe(h.sim.state.call(ringing)?.startedAt);
    expect((await rpc(h.sim, token, "getActiveCalls", { extra: 1 })).error?.code).toBe(-32602);
  });

  it("endAllCalls hangs up every call in progress and delivers their ends", async () => {
    const { h } = await setup();
    const first = await incomingCall(h.sim);
    const second = await incomingCall(h.sim, "+74951234567", "+79160000002");
    await h.sim.endAllCalls(5_000);
    expect(h.sim.state.calls({ isActive: true })).toEqual([]);
    for (const callId of [first, second]) {
      const ends = h.sim.state.notifications({ callId, type: "callEnded" });
      expect(ends).toHaveLength(1);
      expect(ends[0]?.state).toBe("delivered");
    }
  });
});
