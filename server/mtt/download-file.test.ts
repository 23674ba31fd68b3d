import { afterEach, describe, expect, it, vi } from "vitest";
import { MttApiError } from "@/server/mtt/api-error";
import { createGuardedFetch } from "@/server/mtt/outbound";
import { createMttClient, type MttClientOptions } from "@/server/mtt/rpc-client";
import {
  rejectionOf,
  scriptedFetch,
  startTestServer,
  status,
  type TestServer,
} from "@/server/mtt/test-fetch";

const apiError = (promise: Promise<unknown>) => rejectionOf(promise, MttApiError);

function setup(
  replies: Parameters<typeof scriptedFetch>[0],
  extra: Partial<MttClientOptions> = {},
) {
  const scripted = scriptedFetch(replies);
  const refreshAccessToken = vi.fn(() => Promise.resolve("T2"));
  const client = createMttClient({
    apiUrl: "https://api.mtt.test/vats/v1",
    getAccessToken: () => Promise.resolve("T1"),
    refreshAccessToken,
    fetch: scripted.fetch,
    sleep: () => Promise.resolve(),
    random: () => 0,
    log: { warn: () => undefined },
    ...extra,
  });
  return { client, requests: scripted.requests, refreshAccessToken };
}

const audio = () =>
  new Response("ID3-audio", { status: 206, headers: { "content-type": "audio/mpeg" } });

describe("downloadFile", () => {
  it("GETs with the Bearer token and Range, returning the part it read", async () => {
    const { client, requests } = setup([audio()]);
    const part = await client.downloadFile("https://api.mtt.test/rec/1.mp3", {
      range: "bytes=0-99",
    });
    expect(part.status).toBe(206);
    expect(part.body.toString()).toBe("ID3-audio");
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer T1");
    expect(requests[0]?.headers.get("range")).toBe("bytes=0-99");
  });

  it("resolves relative URLs against apiUrl and sends no Range unless asked", async () => {
    const { client, requests } = setup([audio()]);
    await client.downloadFile("/rec/2.wav");
    expect(requests[0]?.url).toBe("https://api.mtt.test/rec/2.wav");
    expect(requests[0]?.headers.has("range")).toBe(false);
  });

  it("follows the same 401 and 5xx policy as the RPC calls", async () => {
    const { client, requests, refreshAccessToken } = setup([status(401), status(503), audio()]);
    await client.downloadFile("https://api.mtt.test/rec/1.mp3");
    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([
      "Bearer T1",
      "Bearer T2",
      "Bearer T2",
    ]);
  });

  it("fails with kind http and the status for other errors (404, 416)", async () => {
    const { client } = setup([status(404), status(416)]);
    expect(await apiError(client.downloadFile("/rec/x"))).toMatchObject({
      kind: "http",
      status: 404,
    });
    expect(await apiError(client.downloadFile("/rec/x", { range: "bytes=9999-" }))).toMatchObject({
      status: 416,
    });
  });

  it.each([
    ["another site", "https://evil.example/rec.mp3"],
    ["a look-alike domain", "https://notmtt.test/rec.mp3"],
    ["plain http on a sibling host", "http://files.mtt.test/rec.mp3"],
    ["garbage", "http://["],
  ])("never sends the token to %s", async (_name, url) => {
    const { client, requests } = setup([audio()]);
    expect((await apiError(client.downloadFile(url))).kind).toBe("untrusted_url");
    expect(requests).toHaveLength(0);
  });

  it("trusts HTTPS hosts under apiUrl's parent domain, or the configured fileHosts", async () => {
    const { client } = setup([audio(), audio()]);
    await expect(client.downloadFile("https://files.mtt.test/r.mp3")).resolves.toMatchObject({
      status: 206,
    });
    await expect(client.downloadFile("https://mtt.test/r.mp3")).resolves.toMatchObject({
      status: 206,
    });
    const custom = setup([audio()], { fileHosts: ["storage.example"] });
    await expect(
      custom.client.downloadFile("https://eu.storage.example/r.mp3"),
    ).resolves.toMatchObject({ status: 206 });
  });

  it("reads a part only up to the Range it asked for, a whole file up to maxBytes", async () => {
    const big = () => new Response("x".repeat(500), { status: 206 });
    const whole = () => new Response("y".repeat(500), { status: 200 });
    const { client } = setup([big(), whole(), whole()]);
    expect(
      await apiError(client.downloadFile("/rec/1.mp3", { range: "bytes=0-99" })),
    ).toMatchObject({ kind: "invalid_result" });
    // A server that ignores Range sends the whole file: up to maxBytes of it.
    await expect(
      client.downloadFile("/rec/1.mp3", { range: "bytes=0-99", maxBytes: 1000 }),
    ).resolves.toMatchObject({ status: 200 });
    expect(
      await apiError(client.downloadFile("/rec/1.mp3", { range: "bytes=0-99", maxBytes: 100 })),
    ).toMatchObject({ kind: "invalid_result" });
  });

  it("trusts only the same origin when apiUrl is an IP address (the simulator)", async () => {
    const { client } = setup([audio()], { apiUrl: "http://127.0.0.1:4010/rpc" });
    await expect(client.downloadFile("http://127.0.0.1:4010/rec/1.mp3")).resolves.toMatchObject({
      status: 206,
    });
    expect((await apiError(client.downloadFile("http://127.0.0.1:4011/rec/1.mp3"))).kind).toBe(
      "untrusted_url",
    );
  });
});

describe("downloadFile timeouts against a real server", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const realClient = (url: string) =>
    createMttClient({
      apiUrl: url,
      getAccessToken: () => Promise.resolve("T1"),
      refreshAccessToken: () => Promise.resolve("T2"),
      timeoutMs: 100,
      maxRetries: 0,
      log: { warn: () => undefined },
      // The test server listens on loopback, which only an explicit policy may reach.
      fetch: createGuardedFetch({ allowPrivate: true }),
    });

  it("times out waiting for headers", async () => {
    server = await startTestServer(() => undefined);
    expect((await apiError(realClient(server.url).downloadFile("/rec/1.mp3"))).kind).toBe(
      "timeout",
    );
  });

  // The timer used to stop at the headers: a server could then trickle a body for ever.
  it("times out a body that is still streaming when timeoutMs is up", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.write("part1-");
      setTimeout(() => res.end("part2"), 300);
    });
    expect((await apiError(realClient(server.url).downloadFile("/rec/1.mp3"))).kind).toBe(
      "timeout",
    );
  });

  it("reads a body that arrives within timeoutMs", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.write("part1-");
      setTimeout(() => res.end("part2"), 30);
    });
    const part = await realClient(server.url).downloadFile("/rec/1.mp3");
    expect(part.body.toString()).toBe("part1-part2");
  });

  it("refuses the loopback test server by default, sending nothing", async () => {
    server = await startTestServer((_req, res) => res.writeHead(200).end("x"));
    const client = createMttClient({
      apiUrl: server.url,
      getAccessToken: () => Promise.resolve("T1"),
      refreshAccessToken: () => Promise.resolve("T2"),
      log: { warn: () => undefined },
    });
    expect((await apiError(client.downloadFile("/rec/1.mp3"))).kind).toBe("untrusted_url");
    expect(server.hits()).toBe(0);
  });
});
