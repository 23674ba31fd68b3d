// An admin types in the addresses of MTT's API and OAuth server; Pult then sends them Bearer
// tokens, the client secret and the refresh token. Those requests must not reach the server's
// own network (loopback, private, link-local), must not follow redirects elsewhere, must not
// read an answer without end, and a new address must not inherit the tokens of the old one.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getConfig, requirePultSecret, setConfig } from "@/server/config";
import { encryptSecret } from "@/server/crypto/secret-box";
import { getDb } from "@/server/db";
import { startTestServer, type TestServer } from "@/server/mtt/test-fetch";
import { downloadInChunks } from "@/server/recordings/download";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { getMttClient } from "@/server/integrations/mtt-client";
import { completeConnect, startConnect } from "@/server/integrations/oauth-flow";
import { forgetMttAccess, getValidAccessToken } from "@/server/integrations/tokens";
import { actorOf } from "@/server/testing/actors";

let fixture: TenantFixture | undefined;
let tenantId = "";
const servers: TestServer[] = [];
const seen: Array<{ server: string; url: string; authorization?: string; body: string }> = [];

const scope = () => actorOf(tenantId, fixture?.adminId ?? "");
const allowPrivate = (allow: boolean) => setConfig({ ...getConfig(), mttAllowPrivate: allow });

async function server(
  name: string,
  answer: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<TestServer> {
  const started = await startTestServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({
        server: name,
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body,
      });
      answer(req, res, body);
    });
  });
  servers.push(started);
  return started;
}

const rpcAnswer = (res: ServerResponse) =>
  res
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: { workplaces: [], numbers: [] } }));

/** A connected integration pointing at these addresses, stored as a past save left it. */
async function connectedTo(urls: { apiUrl?: string; oauthUrl?: string }) {
  const secret = requirePultSecret();
  await getDb().mttIntegration.update({
    where: { tenantId },
    data: {
      clientId: "client-1",
      clientSecretEnc: encryptSecret("the-client-secret", secret),
      accessTokenEnc: encryptSecret("the-access-token", secret),
      refreshTokenEnc: encryptSecret("the-refresh-token", secret),
      accessExpiresAt: new Date(Date.now() + 3600_000),
      refreshExpiresAt: new Date(Date.now() + 86_400_000),
      status: "CONNECTED",
      apiUrl: urls.apiUrl ?? "https://api.mtt.example/vats/v1",
      oauthUrl: urls.oauthUrl ?? "https://oauth.mtt.example",
    },
  });
  // Written behind the app's back: what it cached of the connection is stale.
  forgetMttAccess(tenantId);
}

async function settles<T>(promise: Promise<T>, withinMs: number): Promise<"rejected" | "resolved"> {
  const deadline = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), withinMs));
  const outcome = await Promise.race([
    promise.then(
      () => "resolved" as const,
      () => "rejected" as const,
    ),
    deadline,
  ]);
  if (outcome === "late") throw new Error(`did not settle within ${withinMs} ms`);
  return outcome;
}

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  await ensureIntegration(tenantId);
});

afterEach(() => {
  seen.length = 0;
  allowPrivate(false);
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await fixture?.teardown();
});

describe("the host policy for MTT's addresses", () => {
  it("refuses to save loopback, private and link-local addresses", async () => {
    allowPrivate(false);
    for (const [field, url] of [
      ["apiUrl", "http://127.0.0.1:4010/vats/v1"],
      ["apiUrl", "http://localhost:8080/rpc"],
      ["oauthUrl", "http://169.254.169.254/latest"],
      ["oauthUrl", "https://10.0.0.5"],
      ["apiUrl", "http://[::1]:9000/x"],
    ] as const) {
      await expect(
        saveCredentials(scope(), { clientId: "c", clientSecret: "s", [field]: url }),
        url,
      ).rejects.toMatchObject({
        code: "VALIDATION",
        details: { fieldErrors: { [field]: ["private_address"] } },
      });
    }
  });

  it("never sends a token to a stored address on the server's own network", async () => {
    const api = await server("api", (_req, res) => rpcAnswer(res));
    const oauth = await server("oauth", (_req, res) => res.writeHead(500).end());
    allowPrivate(false);
    await connectedTo({ apiUrl: `${api.url}/vats/v1`, oauthUrl: oauth.url });
    const client = await getMttClient(tenantId);
    await expect(client.getStructure({ maxRetries: 0 })).rejects.toMatchObject({
      kind: "untrusted_url",
    });
    const { authorizeUrl } = await startConnect(scope());
    const state = new URL(authorizeUrl).searchParams.get("state");
    const key = (await ensureIntegration(tenantId)).notificationKey;
    const result = await completeConnect(key, {
      code: "a-code",
      state,
      error: null,
      errorDescription: null,
    });
    expect(result).toMatchObject({ ok: false });
    expect(seen).toEqual([]);
  });

  it("does not follow a redirect, which would carry the token or the secret elsewhere", async () => {
    const elsewhere = await server("elsewhere", (_req, res) => rpcAnswer(res));
    const api = await server("api", (_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/steal` }).end(),
    );
    const oauth = await server("oauth", (_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/oauth/token` }).end(),
    );
    allowPrivate(true); // a simulator on this machine: reachable, but still no redirects
    await connectedTo({ apiUrl: `${api.url}/vats/v1`, oauthUrl: oauth.url });
    await expect((await getMttClient(tenantId)).getStructure()).rejects.toMatchObject({
      kind: "http",
      status: 307,
    });
    await getDb().mttIntegration.update({
      where: { tenantId },
      data: { accessExpiresAt: new Date(Date.now() - 1000) },
    });
    forgetMttAccess(tenantId);
    await expect(getValidAccessToken(tenantId)).rejects.toThrow();
    expect(seen.map((s) => s.server).sort()).toEqual(["api", "oauth"]);
  });

  it("reads a recording chunk within its time limit and up to its size", async () => {
    const trickle = await server("files", (req, res) => {
      if (req.url?.includes("slow")) {
        res.writeHead(206, { "content-range": "bytes 0-1023/1024" });
        const timer = setInterval(() => res.write("x"), 100);
        res.on("close", () => clearInterval(timer));
        return;
      }
      // Asked for 1 KiB, sends 4 MiB and says it is a 1 KiB part.
      res.writeHead(206, { "content-range": "bytes 0-1023/1024" });
      res.end(Buffer.alloc(4 * 1024 * 1024, 1));
    });
    allowPrivate(true);
    await connectedTo({ apiUrl: `${trickle.url}/vats/v1` });
    const client = await getMttClient(tenantId);
    const slow = downloadInChunks(client, `${trickle.url}/rec/slow.wav`, {
      chunkBytes: 1024,
      chunkTimeoutMs: 1000,
    });
    expect(await settles(slow, 15_000)).toBe("rejected");
    const flood = downloadInChunks(client, `${trickle.url}/rec/flood.wav`, { chunkBytes: 1024 });
    await expect(flood).rejects.toThrow(/larger than/);
  }, 30_000);

  it("a new OAuth or API address starts over: no tokens go there, the secret is asked again", async () => {
    const newHost = await server("new-oauth", (_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ access_token: "a", refresh_token: "r", expires_in: 7200 })),
    );
    allowPrivate(true);
    await connectedTo({});
    await expect(
      saveCredentials(scope(), {
        clientId: "client-1",
        clientSecret: undefined,
        oauthUrl: newHost.url,
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { clientSecret: ["secret_required"] } },
    });
    await saveCredentials(scope(), {
      clientId: "client-1",
      clientSecret: "the-new-secret",
      oauthUrl: newHost.url,
    });
    const row = await getDb().mttIntegration.findUniqueOrThrow({ where: { tenantId } });
    expect(row).toMatchObject({
      status: "NOT_CONNECTED",
      accessTokenEnc: null,
      refreshTokenEnc: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
    });
    await expect(getValidAccessToken(tenantId)).rejects.toThrow(/not connected/);
    expect(seen).toEqual([]);

    // A new API address alone: its tokens were issued for the old one.
    await connectedTo({});
    await saveCredentials(scope(), {
      clientId: "client-1",
      clientSecret: undefined,
      apiUrl: "https://api2.mtt.example",
    });
    expect(
      await getDb().mttIntegration.findUniqueOrThrow({
        where: { tenantId },
        select: { status: true, accessTokenEnc: true },
      }),
    ).toEqual({ status: "NOT_CONNECTED", accessTokenEnc: null });
    // Saving the same addresses again keeps a working connection.
    await connectedTo({});
    await saveCredentials(scope(), {
      clientId: "client-1",
      clientSecret: undefined,
      apiUrl: "https://api.mtt.example/vats/v1",
      oauthUrl: "https://oauth.mtt.example",
    });
    expect((await getDb().mttIntegration.findUniqueOrThrow({ where: { tenantId } })).status).toBe(
      "CONNECTED",
    );
  });
});
