import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  MttOAuthError,
  buildAuthorizeUrl,
  exchangeCode,
  refreshTokens,
  type TokenSet,
} from "@/server/mtt/oauth";
import {
  loopbackFetch,
  jsonResponse,
  readBody,
  rejectionOf,
  scriptedFetch,
  startTestServer,
  status,
  type TestServer,
} from "@/server/mtt/test-fetch";

const now = new Date("2025-03-01T10:00:00.000Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const client = { clientId: "cid-1", clientSecret: "s3cr3t&=+", oauthUrl: "https://oauth.test" };

const oauthError = (promise: Promise<unknown>) => rejectionOf(promise, MttOAuthError);

describe("buildAuthorizeUrl", () => {
  it("builds MTT's authorize URL with every parameter encoded", () => {
    const url = buildAuthorizeUrl({
      clientId: "cid 1",
      redirectUri: "https://pult.example.com/api/mtt/hook?k=a&b=c",
      state: "st/ä+=&",
    });
    expect(url).toBe(
      "https://oauth.mtt.ru/oauth/authorize?response_type=code&client_id=cid+1" +
        "&redirect_uri=https%3A%2F%2Fpult.example.com%2Fapi%2Fmtt%2Fhook%3Fk%3Da%26b%3Dc" +
        "&scope=https%3A%2F%2Fmtt.ru%2Fauth.tokens.readwrite&state=st%2F%C3%A4%2B%3D%26",
    );
    const params = new URL(url).searchParams;
    expect(params.get("state")).toBe("st/ä+=&");
    expect(params.get("redirect_uri")).toBe("https://pult.example.com/api/mtt/hook?k=a&b=c");
  });

  it("keeps a path prefix of oauthUrl, drops its trailing slash, honours a custom scope", () => {
    const url = new URL(
      buildAuthorizeUrl({
        oauthUrl: "http://127.0.0.1:4010/mtt/",
        clientId: "c",
        redirectUri: "http://localhost/cb",
        state: "s",
        scope: "a b",
      }),
    );
    expect(url.origin + url.pathname).toBe("http://127.0.0.1:4010/mtt/oauth/authorize");
    expect(url.searchParams.get("scope")).toBe("a b");
  });
});

describe("exchangeCode", () => {
  it("posts a form with the code and derives expiries from expires_in", async () => {
    const { fetch, requests } = scriptedFetch([
      jsonResponse({
        access_token: "A1",
        refresh_token: "R1",
        token_type: "Bearer",
        expires_in: 3600,
      }),
    ]);
    const tokens = await exchangeCode({
      ...client,
      code: "c0de",
      redirectUri: "https://p/cb",
      fetch,
      now: () => now,
    });
    expect(tokens).toEqual<TokenSet>({
      accessToken: "A1",
      refreshToken: "R1",
      accessExpiresAt: at(3600),
      refreshExpiresAt: at(3 * 24 * 3600),
    });
    const [request] = requests;
    expect(request?.url).toBe("https://oauth.test/oauth/token");
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: "authorization_code",
      client_id: "cid-1",
      client_secret: "s3cr3t&=+",
      code: "c0de",
      redirect_uri: "https://p/cb",
      scope: "https://mtt.ru/auth.tokens.readwrite",
    });
  });

  it("defaults the access lifetime to 2 h and honours refresh_expires_in (also as strings)", async () => {
    const { fetch } = scriptedFetch([
      jsonResponse({ access_token: "A", refresh_token: "R" }),
      jsonResponse({
        access_token: "A",
        refresh_token: "R",
        expires_in: "600",
        refresh_expires_in: 86400,
      }),
    ]);
    const input = { ...client, code: "c", redirectUri: "https://p/cb", fetch, now: () => now };
    expect((await exchangeCode(input)).accessExpiresAt).toEqual(at(7200));
    const second = await exchangeCode(input);
    expect(second.accessExpiresAt).toEqual(at(600));
    expect(second.refreshExpiresAt).toEqual(at(86400));
  });

  it("fails with invalid_response when the answer has no refresh token", async () => {
    const { fetch } = scriptedFetch([jsonResponse({ access_token: "A" })]);
    const error = await oauthError(exchangeCode({ ...client, code: "c", redirectUri: "r", fetch }));
    expect(error.code).toBe("invalid_response");
  });

  it("works against a real HTTP server", async () => {
    const answer = async (req: IncomingMessage, res: ServerResponse) => {
      const form = new URLSearchParams(await readBody(req));
      const ok =
        req.headers["content-type"] === "application/x-www-form-urlencoded" &&
        form.get("code") === "real";
      res.writeHead(ok ? 200 : 400, { "content-type": "application/json" });
      const reply = ok ? { access_token: "A", refresh_token: "R" } : { error: "invalid_request" };
      res.end(JSON.stringify(reply));
    };
    const server = await startTestServer((req, res) => void answer(req, res));
    try {
      const tokens = await exchangeCode({
        ...client,
        oauthUrl: server.url,
        fetch: loopbackFetch,
        code: "real",
        redirectUri: "r",
      });
      expect(tokens.accessToken).toBe("A");
    } finally {
      await server.close();
    }
  });
});

describe("refreshTokens", () => {
  const base = { ...client, refreshToken: "R-old", now: () => now };

  it("sends the refresh grant and returns a rotated refresh token with a fresh 3-day expiry", async () => {
    const { fetch, requests } = scriptedFetch([
      jsonResponse({ access_token: "A2", refresh_token: "R-new" }),
    ]);
    const tokens = await refreshTokens({ ...base, fetch, refreshExpiresAt: at(60) });
    expect(tokens).toEqual({
      accessToken: "A2",
      refreshToken: "R-new",
      accessExpiresAt: at(7200),
      refreshExpiresAt: at(3 * 24 * 3600),
    });
    expect(Object.fromEntries(new URLSearchParams(requests[0]?.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "R-old",
      client_id: "cid-1",
      client_secret: "s3cr3t&=+",
    });
  });

  it("keeps the old refresh token (and its known expiry) when none is returned", async () => {
    const { fetch } = scriptedFetch([
      jsonResponse({ access_token: "A2", expires_in: 7200 }),
      jsonResponse({ access_token: "A3", refresh_token: null }),
    ]);
    const kept = await refreshTokens({ ...base, fetch, refreshExpiresAt: at(3600) });
    expect(kept).toMatchObject({
      accessToken: "A2",
      refreshToken: "R-old",
      refreshExpiresAt: at(3600),
    });
    const unknownExpiry = await refreshTokens({ ...base, fetch });
    expect(unknownExpiry).toMatchObject({
      refreshToken: "R-old",
      refreshExpiresAt: at(3 * 24 * 3600),
    });
  });

  it("surfaces invalid_grant with status, description and a readable message", async () => {
    const { fetch } = scriptedFetch([
      jsonResponse(
        { error: "invalid_grant", error_description: "refresh token expired" },
        { status: 400 },
      ),
    ]);
    const error = await oauthError(refreshTokens({ ...base, fetch }));
    expect(error).toMatchObject({
      code: "invalid_grant",
      status: 400,
      description: "refresh token expired",
    });
    expect(error.message).toMatch(
      /rejected the refresh token.*connect the PBX again \(invalid_grant\)/,
    );
    expect(error.isRetryable).toBe(false);
  });

  it("names invalid_client plainly, even when sent with HTTP 200", async () => {
    const { fetch } = scriptedFetch([jsonResponse({ error: "invalid_client" })]);
    const error = await oauthError(refreshTokens({ ...base, fetch }));
    expect(error.code).toBe("invalid_client");
    expect(error.message).toBe("MTT rejected the client id or secret (invalid_client)");
  });

  it("passes unknown OAuth error codes through", async () => {
    const { fetch } = scriptedFetch([
      jsonResponse({ error: "temporarily_unavailable" }, { status: 503 }),
    ]);
    const error = await oauthError(refreshTokens({ ...base, fetch }));
    expect(error.code).toBe("temporarily_unavailable");
    expect(error.isRetryable).toBe(true);
  });

  it("reports a non-JSON 5xx as server_error and a garbage 200 as invalid_response", async () => {
    const { fetch } = scriptedFetch([
      status(502),
      new Response("<html>ok</html>"),
      jsonResponse({ access_token: 5 }),
    ]);
    const bad = await oauthError(refreshTokens({ ...base, fetch }));
    expect(bad).toMatchObject({ code: "server_error", status: 502, isRetryable: true });
    expect((await oauthError(refreshTokens({ ...base, fetch }))).code).toBe("invalid_response");
    const typed = await oauthError(refreshTokens({ ...base, fetch }));
    expect(typed.message).toContain("access_token:");
  });
});

describe("OAuth transport failures", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reports a refused connection as unreachable", async () => {
    server = await startTestServer(() => undefined);
    const closedUrl = server.url;
    await server.close();
    server = undefined;
    const error = await oauthError(
      refreshTokens({ ...client, oauthUrl: closedUrl, refreshToken: "R", fetch: loopbackFetch }),
    );
    expect(error.code).toBe("unreachable");
    expect(error.message).toMatch(
      /Could not reach MTT's OAuth server at 127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    expect(error.isRetryable).toBe(true);
  });

  it("times out against a server that never answers", async () => {
    server = await startTestServer(() => undefined);
    const started = Date.now();
    const error = await oauthError(
      refreshTokens({
        ...client,
        oauthUrl: server.url,
        refreshToken: "R",
        timeoutMs: 150,
        fetch: loopbackFetch,
      }),
    );
    expect(error.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.hits()).toBe(1);
  });
});
