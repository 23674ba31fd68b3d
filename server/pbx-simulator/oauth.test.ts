import { afterEach, describe, expect, it } from "vitest";
import {
  authorize,
  credentials,
  obtainTokens,
  postForm,
  rpc,
  startHarness,
  stopHarness,
  type Harness,
} from "@/server/pbx-simulator/test-support";

let harness: Harness | undefined;
afterEach(() => stopHarness(harness));

const cb = "http://localhost:3999/api/mtt/key/callback";

function authorizeUrl(h: Harness, params: Record<string, string>) {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: credentials.clientId,
    ...params,
  });
  return `${h.sim.url}/oauth/authorize?${query.toString()}`;
}

async function exchange(h: Harness, fields: Record<string, string>) {
  const res = await postForm(`${h.sim.url}/oauth/token`, {
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    ...fields,
  });
  const body: unknown = await res.json();
  return { status: res.status, body };
}

describe("OAuth authorize", () => {
  it("shows a labelled bilingual login form and redirects with the code and the state", async () => {
    harness = await startHarness({ redirectUri: cb });
    const page = await fetch(authorizeUrl(harness, { redirect_uri: cb, state: "st-42" }));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("МТТ Бизнес — вход / MTT Business sign in");
    expect(html).toMatch(/<label for="login">[^<]+<\/label>\s*<input id="login" name="login"/);
    expect(html).toMatch(
      /<label for="password">[^<]+<\/label>\s*<input id="password" name="password" type="password"/,
    );

    const wrong = await postForm(`${harness.sim.url}/oauth/authorize`, {
      response_type: "code",
      client_id: credentials.clientId,
      redirect_uri: cb,
      state: "st-42",
      login: credentials.login,
      password: "nope",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("location")).toBeNull();
    const again = await wrong.text();
    expect(again).toContain("Неверный логин или пароль");
    expect(again).toContain('name="state" value="st-42"');

    const ok = await postForm(`${harness.sim.url}/oauth/authorize`, {
      response_type: "code",
      client_id: credentials.clientId,
      redirect_uri: cb,
      state: "st-42",
      login: credentials.login,
      password: credentials.password,
    });
    expect(ok.status).toBe(302);
    const location = new URL(ok.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(cb);
    expect(location.searchParams.get("state")).toBe("st-42");
    expect(location.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
  });

  it("refuses unknown clients and foreign redirect URIs without redirecting", async () => {
    harness = await startHarness({ redirectUri: cb });
    const unknown = await fetch(
      authorizeUrl(harness, { client_id: "intruder", redirect_uri: cb }),
      { redirect: "manual" },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("location")).toBeNull();
    const foreign = await fetch(
      authorizeUrl(harness, { redirect_uri: "https://evil.example/cb" }),
      { redirect: "manual" },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get("location")).toBeNull();
  });

  it("redirects denial and wrong response types back with an error and the state", async () => {
    harness = await startHarness({ redirectUri: cb });
    const denied = await postForm(`${harness.sim.url}/oauth/authorize`, {
      response_type: "code",
      client_id: credentials.clientId,
      redirect_uri: cb,
      state: "d1",
      action: "deny",
    });
    const deniedAt = new URL(denied.headers.get("location") ?? "");
    expect(deniedAt.searchParams.get("error")).toBe("access_denied");
    expect(deniedAt.searchParams.get("state")).toBe("d1");
    const token = await fetch(
      authorizeUrl(harness, { response_type: "token", redirect_uri: cb, state: "d2" }),
      { redirect: "manual" },
    );
    const tokenAt = new URL(token.headers.get("location") ?? "");
    expect(tokenAt.searchParams.get("error")).toBe("unsupported_response_type");
    expect(tokenAt.searchParams.get("state")).toBe("d2");
  });

  it("registers the first Redirect URI used when the cabinet has none", async () => {
    harness = await startHarness({ redirectUri: undefined });
    expect(harness.sim.state.redirectUri).toBeUndefined();
    await authorize(harness.sim, cb);
    expect(harness.sim.state.redirectUri).toBe(cb);
    const other = await fetch(authorizeUrl(harness, { redirect_uri: "http://localhost:1/other" }));
    expect(other.status).toBe(400);
  });
});

describe("OAuth token", () => {
  it("exchanges a code once; wrong secret is invalid_client; unknown grants are refused", async () => {
    harness = await startHarness({ redirectUri: cb });
    const code = await authorize(harness.sim, cb);
    const wrongSecret = await exchange(harness, {
      grant_type: "authorization_code",
      code,
      redirect_uri: cb,
      client_secret: "bad",
    });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const first = await exchange(harness, {
      grant_type: "authorization_code",
      code,
      redirect_uri: cb,
    });
    expect(first).toMatchObject({
      status: 200,
      body: {
        token_type: "Bearer",
        expires_in: 7200,
        scope: "https://mtt.ru/auth.tokens.readwrite",
      },
    });
    const replay = await exchange(harness, {
      grant_type: "authorization_code",
      code,
      redirect_uri: cb,
    });
    expect(replay).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await exchange(harness, { grant_type: "password" })).toMatchObject({
      status: 400,
      body: { error: "unsupported_grant_type" },
    });
    expect(await exchange(harness, { grant_type: "authorization_code" })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
  });

  it("expires codes after 60 s", async () => {
    harness = await startHarness({ redirectUri: cb });
    const code = await authorize(harness.sim, cb);
    harness.clock.advance(61_000);
    const late = await exchange(harness, {
      grant_type: "authorization_code",
      code,
      redirect_uri: cb,
    });
    expect(late).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("rotates refresh tokens: the old one stops working, the new pair works", async () => {
    harness = await startHarness({ redirectUri: cb });
    const tokens = await obtainTokens(harness.sim, cb);
    const refreshed = await exchange(harness, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const again = await exchange(harness, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(again).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const body = refreshed.body;
    if (
      typeof body !== "object" ||
      body === null ||
      !("access_token" in body) ||
      typeof body.access_token !== "string"
    ) {
      throw new Error("no access token");
    }
    expect((await rpc(harness.sim, body.access_token, "getStructure")).result).toBeDefined();
  });

  it("answers 401 once the access token has expired, and the refresh token expires too", async () => {
    harness = await startHarness({
      redirectUri: cb,
      accessTokenTtlSec: 60,
      refreshTokenTtlSec: 120,
    });
    const tokens = await obtainTokens(harness.sim, cb);
    const call = () =>
      fetch(`${harness?.sim.url}/vats/v1`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.access_token}` },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getStructure" }),
      });
    expect((await call()).status).toBe(200);
    harness.clock.advance(60_001);
    const expired = await call();
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain("invalid_token");
    harness.clock.advance(60_000);
    const refresh = await exchange(harness, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(refresh).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});
