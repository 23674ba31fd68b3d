import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  credentials,
  startHarness,
  stopHarness,
  authorize,
  type Harness,
} from "@/server/pbx-simulator/test-support";
import { MttApiError } from "@/server/mtt/api-error";
import { exchangeCode, MttOAuthError, refreshTokens, type TokenSet } from "@/server/mtt/oauth";
import { createMttClient, type MttClientOptions } from "@/server/mtt/rpc-client";
import { parseRetryAfterMs } from "@/server/mtt/retry-policy";
import {
  loopbackFetch,
  rejectionOf,
  scriptedFetch,
  startTestServer,
  status,
  type TestServer,
} from "@/server/mtt/test-fetch";

// MTT API faults (issue 8) against the bundled simulator and real local HTTP servers: token
// expiry in the middle of work, a refresh MTT refuses, 429 storms, 5xx and answers that stall
// past the timeout. Each must end in the documented error or success, never a hung promise.
// Already covered elsewhere: server/mtt/rpc-retry.test.ts (401 → one refresh, single-flight,
// 429 Retry-After/HTTP date/too long, 5xx backoff and give-up, makeCall not repeated, timeouts
// of a silent server), server/mtt/oauth.test.ts (invalid_grant, unreachable, silent server),
// server/integrations/tokens.int.test.ts (a refused refresh marks the integration NEEDS_REAUTH).

const apiError = (promise: Promise<unknown>) => rejectionOf(promise, MttApiError);

/** Fails the test instead of hanging it when a promise never settles. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Real fetch, counted by path: how many requests reached the PBX. */
function countingFetch() {
  const hits = new Map<string, number>();
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    return loopbackFetch(input, init);
  };
  return { fetch: fetchImpl, hits: (path: string) => hits.get(path) ?? 0 };
}

describe("against the simulator", () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await stopHarness(harness);
    harness = undefined;
  });

  /** Connects like Pult does (authorize + code exchange) and keeps the tokens in memory. */
  async function connect(options: Parameters<typeof startHarness>[0] = {}) {
    harness = await startHarness({ accessTokenTtlSec: 60, refreshTokenTtlSec: 600, ...options });
    const { sim, clock } = harness;
    const counted = countingFetch();
    const redirectUri = harness.receiver.url;
    const now = () => new Date(clock.now());
    let tokens: TokenSet = await exchangeCode({
      oauthUrl: sim.url,
      fetch: counted.fetch,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      code: await authorize(sim, redirectUri),
      redirectUri,
      now,
    });
    const sleeps: number[] = [];
    const client = (extra: Partial<MttClientOptions> = {}) =>
      createMttClient({
        apiUrl: `${sim.url}/vats/v1`,
        fetch: counted.fetch,
        getAccessToken: () => Promise.resolve(tokens.accessToken),
        refreshAccessToken: async () => {
          tokens = await refreshTokens({
            oauthUrl: sim.url,
            fetch: counted.fetch,
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret,
            refreshToken: tokens.refreshToken,
            now,
          });
          return tokens.accessToken;
        },
        // Waiting moves the simulator's clock: Retry-After is honoured without real waiting.
        sleep: (ms) => {
          sleeps.push(ms);
          clock.advance(ms);
          return Promise.resolve();
        },
        now,
        log: { warn: () => undefined },
        ...extra,
      });
    return { sim, clock, client, hits: counted.hits, sleeps };
  }

  it("an access token expiring between calls: one refresh, one retry, the work completes", async () => {
    const { clock, client, hits } = await connect();
    const mtt = client();
    await mtt.getStructure();
    clock.advance(61_000); // past the 60 s access token
    const results = await settlesWithin(
      Promise.all([
        mtt.getStructure(),
        mtt.getStructure(),
        mtt.getCalls({ from: new Date(0), to: new Date() }),
      ]),
      5_000,
    );
    expect(results[0].workplaces.length).toBeGreaterThan(0);
    // The PBX rotates refresh tokens: a second refresh with the old one would be refused.
    expect(hits("/oauth/token")).toBe(2); // the code exchange and ONE refresh
    expect(hits("/vats/v1")).toBe(1 + 3 + 3); // three 401s, three retries
    await mtt.getStructure();
    expect(hits("/oauth/token")).toBe(2);
  });

  it("a refresh MTT refuses (refresh token expired): unauthorized with the OAuth reason, no loop", async () => {
    const { clock, client, hits } = await connect();
    const mtt = client();
    clock.advance(601_000); // past the refresh token too
    const errors = await settlesWithin(
      Promise.all([apiError(mtt.getStructure()), apiError(mtt.terminateCall({ callId: "c" }))]),
      5_000,
    );
    for (const error of errors) {
      expect(error.kind).toBe("unauthorized");
      expect(error.cause).toBeInstanceOf(MttOAuthError);
      expect(error.cause).toMatchObject({ code: "invalid_grant", isRetryable: false });
      expect(error.message).toMatch(/connect the PBX again/);
    }
    expect(hits("/oauth/token")).toBe(2); // the code exchange and one shared refresh attempt
    expect(hits("/vats/v1")).toBe(2); // one 401 each, nothing repeated after the refusal
  });

  it("a 429 storm: every wait is the PBX's Retry-After, attempts stay bounded, all settle", async () => {
    const { client, hits, sleeps } = await connect({ rateLimit: { requestsPerSecond: 3 } });
    const mtt = client({ maxRetries: 3 });
    const calls = Array.from({ length: 12 }, () => mtt.getStructure());
    const outcomes = await settlesWithin(Promise.allSettled(calls), 5_000);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(new Set(sleeps)).toEqual(new Set([1000])); // Retry-After: 1
    expect(hits("/vats/v1")).toBeLessThanOrEqual(12 * 4);
    const failures = outcomes.filter((o) => o.status === "rejected");
    for (const failure of failures) {
      expect(failure.reason).toMatchObject({ kind: "rate_limited", retryAfterMs: 1000 });
    }
    expect(outcomes.length - failures.length).toBeGreaterThanOrEqual(3);
  });
});

describe("a refresh that failed", () => {
  it("is shared by the requests already under way, not asked again per request (was one each)", async () => {
    let releaseLate: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (releaseLate = resolve));
    const scripted = scriptedFetch([
      status(401),
      async () => {
        await late; // this 401 arrives after the first request's refresh has failed
        return status(401);
      },
      status(401),
    ]);
    let refreshes = 0;
    const client = createMttClient({
      apiUrl: "https://api.mtt.test/vats/v1",
      getAccessToken: () => Promise.resolve("T1"),
      refreshAccessToken: () => {
        refreshes++;
        return Promise.reject(new MttOAuthError("invalid_grant", "refused"));
      },
      fetch: scripted.fetch,
      log: { warn: () => undefined },
    });
    const first = apiError(client.getStructure());
    const second = apiError(client.terminateCall({ callId: "c" }));
    expect((await first).cause).toMatchObject({ code: "invalid_grant" });
    releaseLate();
    expect((await second).cause).toMatchObject({ code: "invalid_grant" });
    expect(refreshes).toBe(1);
    // A later operation may try again (MTT may have recovered), once.
    expect((await apiError(client.hangupCall({ callId: "c" }))).kind).toBe("unauthorized");
    expect(refreshes).toBe(2);
  });
});

describe("Retry-After, whatever the PBX sends", () => {
  const header = fc.oneof(
    fc.nat({ max: 100_000 }).map(String),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map(String),
    fc.constantFrom("0", "-1", "-5", "1e3", "Infinity", "NaN", "9".repeat(400), "0.0001", " 2 "),
    fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
  );

  // The documented policy, written out: 250 ms × 2^retry without jitter (random() = 0).
  const BACKOFF_MS = [250, 500, 1000, 2000];
  const NOW = new Date("2025-03-01T10:00:00Z");
  const MAX_RETRY_AFTER_MS = 60_000;

  it("never waits a negative, endless or over-long time, and asks exactly maxRetries more times", async () => {
    const seen = { waited: 0, backedOff: 0, tooLong: 0 };
    await fc.assert(
      fc.asyncProperty(header, fc.integer({ min: 0, max: 4 }), async (value, maxRetries) => {
        // More 429s than the client may use: an extra attempt shows up in the count.
        const scripted = scriptedFetch(
          Array.from({ length: maxRetries + 3 }, () => status(429, { "retry-after": value })),
        );
        const sleeps: number[] = [];
        const client = createMttClient({
          apiUrl: "https://api.mtt.test/vats/v1",
          getAccessToken: () => Promise.resolve("T1"),
          refreshAccessToken: () => Promise.resolve("T2"),
          fetch: scripted.fetch,
          sleep: (ms) => (sleeps.push(ms), Promise.resolve()),
          random: () => 0,
          now: () => NOW,
          maxRetries,
          maxRetryAfterMs: MAX_RETRY_AFTER_MS,
          log: { warn: () => undefined },
        });
        const error = await apiError(client.getStructure());
        expect(error.kind).toBe("rate_limited");
        // A wait within the limit is waited out, maxRetries times; a longer one fails at once.
        const wait = parseRetryAfterMs(value, NOW);
        const isTooLong = wait !== undefined && wait > MAX_RETRY_AFTER_MS;
        seen[isTooLong ? "tooLong" : wait === undefined ? "backedOff" : "waited"]++;
        const expected = isTooLong
          ? []
          : BACKOFF_MS.slice(0, maxRetries).map((backoff) => wait ?? backoff);
        expect(sleeps, `Retry-After ${JSON.stringify(value)}`).toEqual(expected);
        expect(scripted.requests).toHaveLength(expected.length + 1);
        for (const ms of sleeps) expect(Number.isFinite(ms) && ms >= 0 && ms <= 60_000).toBe(true);
        expect(error.retryAfterMs).toBe(wait);
      }),
      { seed: 20_260_810, numRuns: 300 },
    );
    // Each kind of header must come up often, or the property proves little about it.
    for (const [kind, count] of Object.entries(seen)) expect(count, kind).toBeGreaterThan(30);
  });
});

describe("against a local HTTP server", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const clientFor = (url: string, extra: Partial<MttClientOptions> = {}) =>
    createMttClient({
      apiUrl: url,
      getAccessToken: () => Promise.resolve("T1"),
      refreshAccessToken: () => Promise.resolve("T2"),
      sleep: () => Promise.resolve(),
      log: { warn: () => undefined },
      fetch: loopbackFetch,
      ...extra,
    });

  it("5xx whose body never ends: retried, then kind http — no hang on the open body", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(503, { "content-type": "text/html" });
      res.write("<html>busy"); // and never end()
    });
    const started = Date.now();
    const error = await settlesWithin(
      apiError(clientFor(server.url, { maxRetries: 2 }).getStructure()),
      5_000,
    );
    expect(error).toMatchObject({ kind: "http", status: 503 });
    expect(server.hits()).toBe(3);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("5xx to makeCall: never repeated, the PBX may have rung the workplace", async () => {
    server = await startTestServer((_req, res) => res.writeHead(502).end("bad gateway"));
    const error = await apiError(
      clientFor(server.url).makeCall({ workplaceId: "w", to: "+79161234567" }),
    );
    expect(error).toMatchObject({ kind: "http", status: 502 });
    expect(server.hits()).toBe(1);
  });

  it("an answer whose body stalls past the timeout: aborted as timeout, retried, bounded", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"jsonrpc":"2.0","id":1,'); // the rest never comes
    });
    const started = Date.now();
    const mtt = clientFor(server.url, { timeoutMs: 150, maxRetries: 1 });
    const error = await settlesWithin(apiError(mtt.getStructure()), 5_000);
    expect(error).toMatchObject({ kind: "timeout", method: "getStructure" });
    expect(server.hits()).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a connection cut in the middle of the answer: kind network after the retries", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"jsonrpc":"2.0"');
      setTimeout(() => res.destroy(), 10);
    });
    const error = await settlesWithin(
      apiError(clientFor(server.url, { maxRetries: 1 }).getStructure()),
      5_000,
    );
    expect(error.kind).toBe("network");
    expect(server.hits()).toBe(2);
  });

  it("an OAuth token answer whose body stalls: MttOAuthError timeout, retryable", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"access_token":"a",');
    });
    const refused = refreshTokens({
      oauthUrl: server.url,
      fetch: loopbackFetch,
      clientId: "c",
      clientSecret: "s",
      refreshToken: "r",
      timeoutMs: 150,
    });
    const error = await settlesWithin(rejectionOf(refused, MttOAuthError), 5_000);
    expect(error).toMatchObject({ code: "timeout", isRetryable: true });
  });

  it("a refresh that times out surfaces as unauthorized with the timeout as cause, once", async () => {
    let refreshes = 0;
    server = await startTestServer((_req, res) => res.writeHead(401).end());
    const mtt = clientFor(server.url, {
      refreshAccessToken: () => {
        refreshes++;
        return Promise.reject(new MttOAuthError("timeout", "MTT's OAuth server did not answer"));
      },
    });
    const error = await settlesWithin(apiError(mtt.hangupCall({ callId: "c" })), 5_000);
    expect(error.kind).toBe("unauthorized");
    expect(error.cause).toMatchObject({ code: "timeout" });
    expect(refreshes).toBe(1);
    expect(server.hits()).toBe(1);
  });
});
