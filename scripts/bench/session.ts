// The browser's side of a bench run: cookies, the credentials sign-in, tRPC over HTTP and
// connecting Pult to the simulator through the OAuth flow.
import { BenchError, sleep, type BenchContext } from "@/scripts/bench/common";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";

/** Keeps the cookies an answer sets, drops the ones it clears (paths ignored: one site, one run). */
export function storeCookies(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (!pair || eq <= 0) continue;
    const value = pair.slice(eq + 1);
    if (value === "" || /;\s*max-age=0(?:;|$)/i.test(line)) jar.delete(pair.slice(0, eq));
    else jar.set(pair.slice(0, eq), value);
  }
}
export const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** One cookie's value from a Cookie header. */
export function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The sticky-session cookie of scripts/lb.ts a first answer sets (its instance label). */
export async function lbCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/health`);
  await res.arrayBuffer();
  const jar = new Map<string, string>();
  storeCookies(res, jar);
  return cookieHeader(jar);
}

/** The browser's credentials sign-in: CSRF token, then the callback; returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  storeCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/live" }),
  });
  await res.arrayBuffer();
  storeCookies(res, jar);
  if (!jar.has("authjs.session-token")) {
    throw new BenchError(`sign-in as ${email} failed with HTTP ${res.status}`);
  }
  return cookieHeader(jar);
}

type TrpcReply = {
  result?: { data?: { json?: unknown } };
  error?: { json?: { message?: string } };
};

/** A tRPC call over HTTP as the browser makes it (superjson on the wire). */
export async function trpc<T>(
  baseUrl: string,
  cookie: string,
  path: string,
  input?: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const url = new URL(`/api/trpc/${path}`, baseUrl);
  const payload = input === undefined ? undefined : JSON.stringify({ json: input });
  if (kind === "query" && payload) url.searchParams.set("input", payload);
  const res = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { cookie, "content-type": "application/json" },
    body: kind === "mutation" ? (payload ?? "{}") : undefined,
  });
  const reply = (await res.json()) as TrpcReply;
  if (!res.ok || reply.error) {
    throw new BenchError(`tRPC ${path} failed (HTTP ${res.status}): ${reply.error?.json?.message}`);
  }
  return reply.result?.data?.json as T;
}

type IntegrationView = {
  lastSyncAt: string | null;
  counts: { workplaces: number; numbers: number };
  sync: { running: boolean };
};

/**
 * Connects the signed-in admin's company to the simulator through the real OAuth flow (the
 * simulator's login form, the redirect back) and waits until the structure sync brought in the
 * expected number of workplaces.
 */
export async function connectToSimulator(
  opts: {
    baseUrl: string;
    cookie: string;
    simUrl: string;
    credentials: { clientId: string; clientSecret: string; login: string; password: string };
    workplaces: number;
    syncTimeoutMs: number;
  },
  ctx: BenchContext,
): Promise<void> {
  const { baseUrl, cookie, simUrl, credentials } = opts;
  ctx.phase("connecting Pult to the simulator through the OAuth flow");
  await trpc(baseUrl, cookie, "integration.saveCredentials", {
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    apiUrl: `${simUrl}/vats/v1`,
    oauthUrl: simUrl,
    signNotifications: true,
  });
  const { authorizeUrl } = await trpc<{ authorizeUrl: string }>(
    baseUrl,
    cookie,
    "integration.connect",
  );
  const returnUrl = await loginAtAuthorizeUrl(
    authorizeUrl,
    credentials.login,
    credentials.password,
  );
  const landing = await fetch(returnUrl, { redirect: "manual" });
  const location = landing.headers.get("location") ?? "";
  if (!location.includes("connected=1")) {
    throw new BenchError(`connecting to the simulator failed: redirected to ${location}`);
  }
  ctx.phase(`waiting for the structure sync (${opts.workplaces} workplaces)`);
  const deadline = Date.now() + opts.syncTimeoutMs;
  for (;;) {
    const view = await trpc<IntegrationView>(
      baseUrl,
      cookie,
      "integration.get",
      undefined,
      "query",
    );
    if (view.lastSyncAt && !view.sync.running && view.counts.workplaces === opts.workplaces) return;
    if (Date.now() > deadline) {
      throw new BenchError(`the structure sync did not finish: ${JSON.stringify(view)}`);
    }
    await sleep(500);
  }
}
