import { describe, expect, it, vi } from "vitest";
import { MTT_ERROR, MttApiError } from "@/server/mtt/api-error";
import { createMttClient, type MttClientOptions } from "@/server/mtt/rpc-client";
import {
  jsonResponse,
  rejectionOf,
  rpcFail,
  rpcOk,
  rpcRequest,
  scriptedFetch,
  status,
} from "@/server/mtt/test-fetch";

const API = "https://api.mtt.test/vats/v1";
const silent = { warn: () => undefined };

function clientWith(
  replies: Parameters<typeof scriptedFetch>[0],
  extra: Partial<MttClientOptions> = {},
) {
  const scripted = scriptedFetch(replies);
  const sleep = vi.fn(() => Promise.resolve());
  const client = createMttClient({
    apiUrl: API,
    getAccessToken: () => Promise.resolve("T1"),
    refreshAccessToken: () => Promise.resolve("T2"),
    fetch: scripted.fetch,
    sleep,
    random: () => 0,
    log: silent,
    ...extra,
  });
  return { client, requests: scripted.requests, sleep };
}

const apiError = (promise: Promise<unknown>) => rejectionOf(promise, MttApiError);

const wireStructure = {
  version: 17,
  workplaces: [
    {
      id: 101,
      name: "Sales 1",
      extension: 201,
      distribution: "serial",
      terminals: [
        { id: "t1", kind: "sip", label: "Desk", address: "sip:201@pbx" },
        { id: 2, kind: "hologram", label: null, address: "x" },
      ],
    },
    { id: "wp-2", name: "Night", extension: "202", distribution: "roundRobin" },
  ],
  numbers: [
    {
      number: "84951234567",
      kind: "city",
      label: "Main",
      parking: true,
      workplaceIds: [101, "wp-2"],
    },
    { number: "+7 800 100-20-30", kind: "satellite", label: "Hotline" },
  ],
};

describe("JSON-RPC envelope and methods", () => {
  it("posts JSON-RPC 2.0 with a Bearer token, named params and incrementing ids", async () => {
    const { client, requests } = clientWith([rpcOk({ ok: true }), rpcOk({ ok: true })]);
    await client.terminateCall({ callId: "c1" });
    await client.hangupCall({ callId: "c2" });
    expect(requests.map((r) => [r.url, r.method, r.headers.get("authorization")])).toEqual([
      [API, "POST", "Bearer T1"],
      [API, "POST", "Bearer T1"],
    ]);
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(requests.map((r) => rpcRequest(r))).toEqual([
      { jsonrpc: "2.0", id: 1, method: "terminateCall", params: { callId: "c1" } },
      { jsonrpc: "2.0", id: 2, method: "hangupCall", params: { callId: "c2" } },
    ]);
  });

  it("getStructure maps wire names to the domain shape and unknown enums to other", async () => {
    const { client, requests } = clientWith([rpcOk(wireStructure)]);
    const structure = await client.getStructure();
    expect(rpcRequest(requests[0]!)).toMatchObject({ method: "getStructure", params: {} });
    expect(structure).toEqual({
      version: "17",
      workplaces: [
        {
          externalId: "101",
          name: "Sales 1",
          extension: "201",
          distribution: "serial",
          terminals: [
            { externalId: "t1", kind: "sip", label: "Desk", address: "sip:201@pbx" },
            { externalId: "2", kind: "other", label: "", address: "x" },
          ],
        },
        {
          externalId: "wp-2",
          name: "Night",
          extension: "202",
          distribution: "other",
          terminals: [],
        },
      ],
      numbers: [
        {
          e164: "+74951234567",
          kind: "city",
          label: "Main",
          parking: true,
          workplaceExternalIds: ["101", "wp-2"],
        },
        {
          e164: "+78001002030",
          kind: "other",
          label: "Hotline",
          parking: false,
          workplaceExternalIds: [],
        },
      ],
    });
  });

  it("getStructure fails with invalid_result naming the field when ids or lists are missing", async () => {
    const noId = { ...wireStructure, workplaces: [{ name: "x", extension: "1" }] };
    const { client } = clientWith([rpcOk(noId), rpcOk({ version: "1", numbers: [] })]);
    const error = await apiError(client.getStructure());
    expect(error).toMatchObject({ kind: "invalid_result", method: "getStructure" });
    expect(error.message).toContain("result.workplaces.0.id: required");
    expect((await apiError(client.getStructure())).message).toContain(
      "result.workplaces: required",
    );
  });

  it("makeCall sends the legs' params and returns the call id as a string", async () => {
    const { client, requests } = clientWith([rpcOk({ callId: 9001 }), rpcOk({ callId: "c-2" })]);
    expect(await client.makeCall({ workplaceId: "wp-1", to: "+79161234567" })).toEqual({
      callId: "9001",
    });
    await client.makeCall({
      workplaceId: "wp-1",
      to: "+79161234567",
      callerNumber: "+74950000000",
    });
    expect(requests.map((r) => rpcRequest(r).params)).toEqual([
      { workplaceId: "wp-1", to: "+79161234567" },
      { workplaceId: "wp-1", to: "+79161234567", callerNumber: "+74950000000" },
    ]);
  });

  it("transferCall sends a workplace or a number target", async () => {
    const { client, requests } = clientWith([rpcOk({ ok: true }), rpcOk({ ok: true })]);
    await client.transferCall({ callId: "c1", target: { workplaceId: "wp-3" } });
    await client.transferCall({ callId: "c1", target: { number: "+79160000000" } });
    expect(requests.map((r) => rpcRequest(r).params)).toEqual([
      { callId: "c1", target: { workplaceId: "wp-3" } },
      { callId: "c1", target: { number: "+79160000000" } },
    ]);
  });

  it("getRecording returns every file", async () => {
    const files = [
      { url: "https://api.mtt.test/rec/1.mp3", format: "mp3", durationSec: 12, sizeBytes: 2048 },
      { url: "https://api.mtt.test/rec/1.wav", format: "wav", durationSec: 12, sizeBytes: 9000 },
    ];
    const { client } = clientWith([rpcOk({ recordingId: 5, files })]);
    expect(await client.getRecording({ callId: "c1" })).toEqual({ recordingId: "5", files });
  });

  it("getCalls sends ISO dates and a cursor, and parses the page", async () => {
    const { client, requests } = clientWith([
      rpcOk({
        calls: [
          {
            callId: 1,
            direction: "incoming",
            from: "89161234567",
            to: "74951234567",
            startedAt: "2025-03-01T10:00:00Z",
            answeredAt: null,
            endedAt: "2025-03-01T10:01:00Z",
            result: "voicemail",
            workplaceId: 101,
          },
        ],
        nextCursor: null,
      }),
      rpcOk({ calls: [], nextCursor: "p3" }),
    ]);
    const from = new Date("2025-03-01T00:00:00Z");
    const to = new Date("2025-03-02T00:00:00Z");
    const page = await client.getCalls({ from, to });
    expect(page.nextCursor).toBeUndefined();
    expect(page.calls).toEqual([
      {
        callId: "1",
        direction: "incoming",
        from: "+79161234567",
        to: "+74951234567",
        startedAt: new Date("2025-03-01T10:00:00Z"),
        answeredAt: undefined,
        endedAt: new Date("2025-03-01T10:01:00Z"),
        result: "other",
        workplaceId: "101",
      },
    ]);
    expect((await client.getCalls({ from, to, cursor: "p2" })).nextCursor).toBe("p3");
    expect(rpcRequest(requests[1]!).params).toEqual({
      from: "2025-03-01T00:00:00.000Z",
      to: "2025-03-02T00:00:00.000Z",
      cursor: "p2",
    });
  });

  it("getActiveCalls parses the calls in progress; a PBX without it answers -32601", async () => {
    const { client, requests } = clientWith([
      rpcOk({
        calls: [
          { callId: 7, state: "talking", startedAt: "2025-03-01T10:00:00Z" },
          { callId: "c8", state: "queued", startedAt: "2025-03-01T10:00:05Z" },
        ],
      }),
      rpcFail(-32601, "Method not found"),
    ]);
    expect(await client.getActiveCalls()).toEqual([
      { callId: "7", state: "talking", startedAt: new Date("2025-03-01T10:00:00Z") },
      { callId: "c8", state: "other", startedAt: new Date("2025-03-01T10:00:05Z") },
    ]);
    expect(rpcRequest(requests[0]!)).toMatchObject({ method: "getActiveCalls", params: {} });
    expect(await apiError(client.getActiveCalls())).toMatchObject({
      kind: "rpc",
      mttCode: -32601,
    });
  });
});

describe("JSON-RPC errors and bad results", () => {
  it("turns a JSON-RPC error into kind rpc with mttCode, without retrying", async () => {
    const { client, requests, sleep } = clientWith([
      rpcFail(MTT_ERROR.CALL_NOT_PARKED, "Call is not parked"),
    ]);
    const error = await apiError(
      client.transferCall({ callId: "c1", target: { workplaceId: "w" } }),
    );
    expect(error).toMatchObject({
      kind: "rpc",
      mttCode: 1002,
      method: "transferCall",
      status: 200,
    });
    expect(error.message).toBe("MTT refused transferCall: Call is not parked (1002)");
    expect(requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("reads a JSON-RPC error sent with an HTTP 4xx status too", async () => {
    const { client } = clientWith([rpcFail(-32602, "", 400)]);
    const error = await apiError(client.hangupCall({ callId: "c1" }));
    expect(error).toMatchObject({ kind: "rpc", mttCode: -32602, status: 400 });
    expect(error.message).toContain("no message (-32602)");
  });

  it("explains known MTT codes when the message is empty", async () => {
    const { client } = clientWith([rpcFail(MTT_ERROR.WORKPLACE_NOT_FOUND, "")]);
    expect((await apiError(client.makeCall({ workplaceId: "w", to: "1" }))).message).toContain(
      "workplace not found (1003)",
    );
  });

  it.each([
    ["a result that fails the schema", rpcOk({ ok: false }), "invalid_result", "result.ok:"],
    [
      "a body that is not JSON",
      new Response("<html>"),
      "invalid_result",
      "not a JSON-RPC response",
    ],
    [
      "an answer to another request",
      jsonResponse({ jsonrpc: "2.0", id: 999, result: { ok: true } }),
      "invalid_result",
      "answered request 999",
    ],
    ["a bare 404", status(404), "http", "HTTP 404"],
  ])("rejects %s", async (_name, reply, kind, text) => {
    const { client, requests } = clientWith([reply]);
    const error = await apiError(client.terminateCall({ callId: "c1" }));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(text);
    expect(requests).toHaveLength(1);
  });
});
