// Signing the bench's people in through Pult's single sign-on instead of passwords: an invited
// user who signs in through SSO becomes active, so each person costs the admin's invite and the
// OpenID Connect round trips instead of two scrypt hashes (~100 ms of server CPU each). With
// 1,000 clients that is the difference between seconds and many minutes of set-up.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import {
  BenchError,
  freePort,
  startNodeProcess,
  waitForHttp,
  type BenchContext,
} from "@/scripts/bench/common";
import { cookieHeader, storeCookies } from "@/scripts/bench/session";

export type BenchIdp = {
  /** What Pult needs to offer this IdP as its SSO provider. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** scripts/bench/oidc-idp.ts on a free port, trusting Pult's callback at `publicUrl`. */
export async function startBenchIdp(publicUrl: string, ctx: BenchContext): Promise<BenchIdp> {
  const port = await freePort();
  const clientId = "pult-bench";
  const clientSecret = randomBytes(24).toString("hex");
  ctx.phase(`starting the bench's OpenID Connect provider on port ${port}`);
  const handle = startNodeProcess(
    "scripts/bench/oidc-idp.ts",
    {
      IDP_PORT: String(port),
      IDP_CLIENT_ID: clientId,
      IDP_CLIENT_SECRET: clientSecret,
      IDP_REDIRECT_URI: new URL("/api/auth/callback/oidc", publicUrl).toString(),
    },
    ctx,
  );
  const issuer = `http://localhost:${port}`;
  await waitForHttp(`${issuer}/.well-known/openid-configuration`, handle, "the bench IdP");
  return {
    env: {
      AUTH_OIDC_ISSUER: issuer,
      AUTH_OIDC_CLIENT_ID: clientId,
      AUTH_OIDC_CLIENT_SECRET: clientSecret,
      AUTH_OIDC_NAME: "Bench IdP",
    },
    stop: () => handle.stop(),
  };
}

const MAX_REDIRECTS = 12;

/**
 * The browser's SSO sign-in: Pult's sign-in POST (CSRF token, login_hint naming the person), the
 * IdP's redirects, and Pult's callback, each site with its own cookies. Returns Pult's Cookie
 * header once it holds a session.
 */
export async function signInWithSso(baseUrl: string, email: string): Promise<string> {
  const pult = new Map<string, string>();
  const idp = new Map<string, string>();
  const pultOrigin = new URL(baseUrl).origin;
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  storeCookies(csrfRes, pult);
  const { csrfToken } = z.object({ csrfToken: z.string() }).parse(await csrfRes.json());
  const start = new URL("/api/auth/signin/oidc", baseUrl);
  start.searchParams.set("login_hint", email);
  let res = await fetch(start, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(pult) },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/live" }),
  });
  let at = start;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    await res.arrayBuffer();
    const jar = at.origin === pultOrigin ? pult : idp;
    storeCookies(res, jar);
    if (jar === pult && pult.has("authjs.session-token")) return cookieHeader(pult);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) break;
    at = new URL(location, at);
    if (at.pathname.startsWith("/signin")) break; // Pult's sign-in page with an error
    res = await fetch(at, {
      redirect: "manual",
      headers: { cookie: cookieHeader(at.origin === pultOrigin ? pult : idp) },
    });
  }
  throw new BenchError(
    `SSO sign-in as ${email} failed: ended at ${at.toString()} (HTTP ${res.status})`,
  );
}
