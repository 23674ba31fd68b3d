import { afterEach, describe, expect, it, vi } from "vitest";
import { MttApiError } from "@/server/mtt/api-error";
import { MttOAuthError } from "@/server/mtt/oauth";
import { createMttClient, type MttClientOptions } from "@/server/mtt/rpc-client";
import {
  loopbackFetch,
  networkError,
  rejectionOf,
  rpcOk,
  rpcRequest,
  scriptedFetch,
  startTestServer,
  status,
  type RecordedRequest,
  type TestServer,
} from "@/server/mtt/test-fetch";

const API = "https://api.mtt.test/vats/v1";
const now = new Date("2025-03-01T10:00:00.000Z");
const apiError = (promise: Promise<unknown>) => rejectionOf(promise, MttApiError);
type Replies = Parameters<typeof scriptedFetch>[0];

function setup(replies: Replies, extra: Partial<MttClientOptions> = {}) {
  const scripted = scriptedFetch(replies);
  const sleep = vi.fn((_ms: number) => Promise.resolve());
  const refreshAccessToken = vi.fn(() => Promise.resolve("T2"));
  const warn = vi.fn();
  const client = createMttClient({
    apiUrl: API,
    getAccessToken: () => Promise.resolve("T1"),
    refreshAccessToken,
    fetch: scripted.fetch,
    sleep,
    random: () => 0,
    now: () => now,
    log: { warn },
    ...extra,
  });
  const tokens = () => scripted.requests.map((r) => r.headers.get("authorization"));
  const delays = () => sleep.mock.calls.map(([ms]) => ms);
  return { client, requests: scripted.requests, refreshAccessToken, tokens, delays, warn };
}

const ok = () => rpcOk({ ok: true });
const byToken = (request: RecordedRequest) =>
  request.headers.get("authorization") === "Bearer T2" ? ok()(request) : status(401);

describe("expired access token (HTTP 401)", () => {
  it("refreshes once and retries with the new token", async () => {
    const { client, tokens, refreshAccessToken, delays } = setup([status(401), ok()]);
    await client.terminateCall({ callId: "c1" });
    expect(tokens()).toEqual(["Bearer T1", "Bearer T2"]);
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(delays()).toEqual([]);
  });

  it("fails as unauthorized when the refreshed token is rejected too", async () => {
    const { client, requests, refreshAccessToken } = setup([status(401), status(401), ok()]);
    const error = await apiError(client.getStructure());
    expect(error).toMatchObject({ kind: "unauthorized", status: 401, method: "getStructure" });
    expect(requests).toHaveLength(2);
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
  });

  it("surfaces a failed refresh (invalid_grant) as unauthorized with the OAuth error as cause", async () => {
    const refusal = new MttOAuthError(
      "invalid_grant",
      "MTT rejected the refresh token (invalid_grant)",
    );
    const { client, requests } = setup([status(401)], {
      refreshAccessToken: () => Promise.reject(refusal),
    });
    const error = await apiError(client.hangupCall({ callId: "c1" }));
    expect(error.kind).toBe("unauthorized");
    expect(error.cause).toBe(refusal);
    expect(error.message).toContain("invalid_grant");
    expect(requests).toHaveLength(1);
  });

  it("does not refresh again for a 401 that arrives after another request refreshed", async () => {
    let releaseLate: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (releaseLate = resolve));
    const refresh = vi.fn(() => Promise.resolve("T2"));
    const { client, tokens } = setup(
      [
        byToken,
        async (request) => {
          await late; // the second call's first answer is held until the first call is done
          return byToken(request);
        },
        byToken,
        byToken,
      ],
      { refreshAccessToken: refresh },
    );
    const first = client.terminateCall({ callId: "a" });
    const second = client.terminateCall({ callId: "b" });
    await first;
    releaseLate();
    await second;
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(tokens()).toEqual(["Bearer T1", "Bearer T1", "Bearer T2", "Bearer T2"]);
  });
});

describe("single-flight refresh", () => {
  it("calls refreshAccessToken once for three concurrent 401s", async () => {
    const refresh = vi.fn(
      () => new Promise<string>((resolve) => setTimeout(() => resolve("T2"), 20)),
    );
    const { client, requests } = setup(Array<Replies[number]>(6).fill(byToken), {
      refreshAccessToken: refresh,
    });
    await Promise.all(["a", "b", "c"].map((callId) => client.terminateCall({ callId })));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => rpcRequest(r).params.callId).sort()).toEqual([
      "a",
      "a",
      "b",
      "b",
      "c",
      "c",
    ]);
  });
});

describe("rate limiting (HTTP 429)", () => {
  it("waits Retry-After seconds, then succeeds", async () => {
    const { client, delays } = setup([status(429, { "retry-after": "2" }), ok()]);
    await client.terminateCall({ callId: "c1" });
    expect(delays()).toEqual([2000]);
  });

  it("understands Retry-After as an HTTP date", async () => {
    const date = new Date(now.getTime() + 5000).toUTCString();
    const { client, delays } = setup([status(429, { "retry-after": date }), ok()]);
    await client.terminateCall({ callId: "c1" });
    expect(delays()).toEqual([5000]);
  });

  it("fails at once when asked to wait longer than maxRetryAfterMs", async () => {
    const { client, delays, requests } = setup([status(429, { "retry-after": "120" })]);
    const error = await apiError(client.getStructure());
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 120_000 });
    expect(delays()).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("backs off without Retry-After and gives up after maxRetries", async () => {
    const { client, delays, requests } = setup(Array<Replies[number]>(4).fill(() => status(429)));
    expect((await apiError(client.getStructure())).kind).toBe("rate_limited");
    expect(delays()).toEqual([250, 500, 1000]);
    expect(requests).toHaveLength(4);
  });
});

describe("server errors and network failures", () => {
  it("backs off exponentially with jitter on 5xx, then succeeds", async () => {
    const { client, delays, warn } = setup([status(503), status(500), ok()], { random: () => 1 });
    await client.terminateCall({ callId: "c1" });
    expect(delays()).toEqual([375, 750]);
    expect(warn).toHaveBeenCalledWith(
      "MTT request failed; retrying",
      expect.objectContaining({ method: "terminateCall", failure: "server_error", retry: 1 }),
    );
  });

  it("gives up on 5xx after maxRetries", async () => {
    const { client, delays, requests } = setup(Array<Replies[number]>(4).fill(() => status(502)));
    const error = await apiError(client.getStructure());
    expect(error).toMatchObject({ kind: "http", status: 502 });
    expect(delays()).toEqual([250, 500, 1000]);
    expect(requests).toHaveLength(4);
  });

  it("honours a per-call maxRetries and a refresh does not use one up", async () => {
    const { client, requests } = setup([status(401), status(503), status(503)]);
    expect((await apiError(client.getStructure({ maxRetries: 1 }))).kind).toBe("http");
    expect(requests).toHaveLength(3);
  });

  it("retries network errors, then fails as network", async () => {
    const { client, requests } = setup([networkError("ECONNRESET"), networkError("ECONNRESET")], {
      maxRetries: 1,
    });
    const error = await apiError(client.getStructure());
    expect(error.kind).toBe("network");
    expect(error.message).toContain("ECONNRESET");
    expect(requests).toHaveLength(2);
  });

  it.each([
    ["HTTP 500", status(500), "http"],
    ["a dropped connection", networkError("ECONNRESET"), "network"],
  ])("never repeats makeCall after %s: the PBX may already ring", async (_name, reply, kind) => {
    const { client, requests } = setup([reply, rpcOk({ callId: "dup" })]);
    expect((await apiError(client.makeCall({ workplaceId: "w", to: "1" }))).kind).toBe(kind);
    expect(requests).toHaveLength(1);
  });

  it("repeats makeCall when the PBX surely did not act (refused connection, 429, 401)", async () => {
    const { client, requests } = setup([
      networkError("ECONNREFUSED"),
      status(429, { "retry-after": "1" }),
      status(401),
      rpcOk({ callId: "c9" }),
    ]);
    expect(await client.makeCall({ workplaceId: "w", to: "1" })).toEqual({ callId: "c9" });
    expect(requests).toHaveLength(4);
  });
});

describe("timeouts against a real server", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function realClient(url: string, extra: Partial<MttClientOptions> = {}) {
    return createMttClient({
      apiUrl: url,
      getAccessToken: () => Promise.resolve("T1"),
      refreshAccessToken: () => Promise.resolve("T2"),
      sleep: () => Promise.resolve(),
      log: { warn: () => undefined },
      fetch: loopbackFetch,
      ...extra,
    });
  }

  it("fails with kind timeout within timeoutMs when the server never answers", async () => {
    server = await startTestServer(() => undefined);
    const started = Date.now();
    const error = await apiError(
      realClient(server.url, { timeoutMs: 150, maxRetries: 0 }).getStructure(),
    );
    expect(error).toMatchObject({ kind: "timeout", method: "getStructure" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.hits()).toBe(1);
  });

  it("retries an idempotent call after a timeout, but never makeCall", async () => {
    server = await startTestServer(() => undefined);
    const client = realClient(server.url, { timeoutMs: 100, maxRetries: 1 });
    expect((await apiError(client.hangupCall({ callId: "c" }))).kind).toBe("timeout");
    expect(server.hits()).toBe(2);
    expect((await apiError(client.makeCall({ workplaceId: "w", to: "1" }))).kind).toBe("timeout");
    expect(server.hits()).toBe(3);
  });

  it("applies a per-call timeout", async () => {
    server = await startTestServer(() => undefined);
    const client = realClient(server.url, { timeoutMs: 60_000, maxRetries: 0 });
    const started = Date.now();
    const error = await apiError(
      client.transferCall({ callId: "c", target: { workplaceId: "w" } }, { timeoutMs: 100 }),
    );
    expect(error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
