import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_BASE_URL } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";
import { E2eDatabase } from "./support/e2e-database";
import { createStoredRecording } from "./support/direct-data";

// Hostile-input and access checks against the real server: security headers on pages, API
// routes and the PBX notification endpoint; the session cookie's flags over HTTP and behind an
// HTTPS proxy; another company's recording URL; and sign-in throttling as a person sees it. The
// throttling test runs last: it locks this server's sign-in for the browser's address.
test.describe.configure({ mode: "serial" });

type Headers = Record<string, string>;

function expectBaseline(headers: Headers, where: string): void {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  expect(headers["permissions-policy"], where).toContain("microphone=()");
  expect(headers["strict-transport-security"], `${where} over plain HTTP`).toBeUndefined();
}

function nonceOf(headers: Headers, where: string): string {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).not.toContain("unsafe-eval");
  const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
  expect(nonce, `${where}: a nonce-based script policy`).toBeTruthy();
  return nonce ?? "";
}

/** Collects Content-Security-Policy violations the browser reports on any page. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) messages.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => [
    ...messages,
    ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
  ];
}

async function signInAsAdmin(page: Page): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
}

/** Signs in on the sign-in page already open (with whatever callbackUrl it was given). */
async function signIn(page: Page, email: string, password: string): Promise<void> {
  const form = new SignInPage(page);
  await expect(form.submit).toBeVisible();
  await form.signIn(email, password);
}

test("pages carry a fresh nonce-based CSP the browser enforces without a violation", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  const first = await page.goto("/signin");
  const firstHeaders = first?.headers() ?? {};
  expectBaseline(firstHeaders, "/signin");
  const nonce = nonceOf(firstHeaders, "/signin");
  // Next put the request's nonce on its inline scripts; the chunks they load come in under
  // 'strict-dynamic' without one.
  const scripts = await page.evaluate(() =>
    [...document.scripts].map((s) => ({ inline: !s.src, nonce: s.nonce })),
  );
  const inline = scripts.filter((s) => s.inline);
  expect(inline.length).toBeGreaterThan(0);
  expect(inline.filter((s) => s.nonce !== nonce)).toEqual([]);
  expect(scripts.filter((s) => s.nonce && s.nonce !== nonce)).toEqual([]);

  const second = await page.goto("/signin");
  expect(nonceOf(second?.headers() ?? {}, "/signin again")).not.toBe(nonce);

  await signInAsAdmin(page);
  const live = await page.goto("/live");
  expectBaseline(live?.headers() ?? {}, "/live");
  nonceOf(live?.headers() ?? {}, "/live");
  await expect(page.getByRole("heading", { level: 1, name: "Live" })).toBeVisible();
  const missing = await page.goto(`/no-such-page-${Date.now()}`);
  expect(missing?.status()).toBe(404);
  nonceOf(missing?.headers() ?? {}, "404 page");
  expect(await violations()).toEqual([]);
});

test("API routes, the PBX notification endpoint and Socket.IO answer with locked-down headers", async ({
  request,
}) => {
  const key = randomBytes(32).toString("base64url");
  const calls: Array<[string, Promise<{ status(): number; headers(): Headers }>]> = [
    ["GET /api/health", request.get("/api/health")],
    ["GET /api/trpc/me.get", request.get("/api/trpc/me.get")],
    ["GET /api/v1/managers", request.get("/api/v1/managers")],
    ["GET /api/v1/openapi.json", request.get("/api/v1/openapi.json")],
    [`GET /api/recordings/{id}`, request.get(`/api/recordings/${randomUUID()}?file=0`)],
    ["POST /api/mtt/{key}", request.post(`/api/mtt/${key}`, { data: { id: "x", type: "x" } })],
    ["GET /api/mtt/{key}", request.get(`/api/mtt/${key}?code=x&state=y`)],
    ["GET /socket.io/", request.get("/socket.io/?EIO=4&transport=polling")],
  ];
  for (const [where, pending] of calls) {
    const response = await pending;
    const headers = response.headers();
    expect(response.status(), where).toBeLessThan(500);
    expectBaseline(headers, where);
    expect(headers["content-security-policy"], where).toContain("default-src 'none'");
    expect(headers["content-security-policy"], where).toContain("frame-ancestors 'none'");
  }
  const asset = await request.get("/icon.svg");
  expectBaseline(asset.headers(), "/icon.svg");

  // Behind a TLS-terminating proxy every answer also tells browsers to stay on HTTPS.
  for (const path of ["/signin", "/api/health", `/api/mtt/${key}`]) {
    const response = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers()["strict-transport-security"], path).toMatch(/^max-age=\d{7,}/);
  }
});

test("the session cookie is HttpOnly and SameSite=Lax, and Secure behind HTTPS", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "authjs.session-token");
  expect(session, cookies.map((c) => c.name).join(", ")).toBeDefined();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");

  // The same sign-in as a browser behind an HTTPS proxy would make it.
  const https = { "x-forwarded-proto": "https" };
  const csrf = await fetch(`${E2E_BASE_URL}/api/auth/csrf`, { headers: https });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().find((c) => c.includes("csrf-token")) ?? "";
  expect(csrfCookie).toMatch(/^__Host-authjs\.csrf-token=/);
  expect(csrfCookie).toMatch(/; Secure/i);
  const signedIn = await fetch(`${E2E_BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...https,
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookie.split(";")[0] ?? "",
    },
    body: new URLSearchParams({
      csrfToken,
      email: E2E_ADMIN.email,
      password: E2E_ADMIN.password,
      callbackUrl: "/live",
    }),
  });
  expect(signedIn.status).toBe(302);
  const secure = signedIn.headers.getSetCookie().find((c) => c.includes("session-token")) ?? "";
  expect(secure).toMatch(/^__Secure-authjs\.session-token=/);
  for (const flag of [/; HttpOnly/i, /; Secure/i, /; SameSite=Lax/i, /; Path=\//i])
    expect(secure).toMatch(flag);
  // Pages and procedures read the Secure cookie back when served over HTTPS.
  const me = await fetch(`${E2E_BASE_URL}/api/trpc/me.get`, {
    headers: { ...https, cookie: secure.split(";")[0] ?? "" },
  });
  expect(me.status).toBe(200);
  expect(await me.text()).toContain(E2E_ADMIN.email);
});

test("another company's recording URL answers 404, as does an unknown one", async ({
  page,
  request,
}) => {
  // Both recordings are really stored: the company's own one plays, so the other company's
  // 404 is the access check's answer, not a file missing from storage.
  const audio = Buffer.from("ID3 e2e recording bytes");
  const db = await E2eDatabase.connect();
  let own = "";
  let foreign = "";
  try {
    own = await createStoredRecording(await db.tenantIdOf(E2E_ADMIN.email), audio);
    foreign = await createStoredRecording(await db.createTenant(`Other Co ${Date.now()}`), audio);
  } finally {
    await db.close();
  }
  expect((await request.get(`/api/recordings/${foreign}?file=0`)).status()).toBe(401);
  await signInAsAdmin(page);
  const mine = await page.request.get(`/api/recordings/${own}?file=0`);
  expect(mine.status()).toBe(200);
  expect((await mine.body()).equals(audio)).toBe(true);
  for (const id of [foreign, randomUUID(), "not-an-id"]) {
    const response = await page.request.get(`/api/recordings/${id}?file=0`);
    expect(response.status(), id).toBe(404);
    expect(await response.json(), id).toEqual({
      code: "NOT_FOUND",
      message: "Recording not found",
    });
  }
});

test("a callbackUrl that a browser reads as another site keeps people on Pult", async ({
  page,
}) => {
  // "/%09/evil.example" is "/\t/evil.example"; browsers drop the tab and read "//evil.example".
  const targets = ["/%09/evil.example", "/%0A/evil.example", "/%5C/evil.example"];
  await page.goto(`/signin?callbackUrl=${targets[0]}`);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
  expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
  // Already signed in: the sign-in page sends people straight on, to the same safe place.
  for (const target of targets) {
    await page.goto(`/signin?callbackUrl=${target}`);
    await page.waitForURL(/\/live$/);
    expect(new URL(page.url()).origin, target).toBe(E2E_BASE_URL);
  }
});

test("state-changing API requests from another site's pages are refused", async ({ page }) => {
  await signInAsAdmin(page);
  const api = page.request; // carries the admin's session cookie, as a browser would
  const evil = { origin: "http://evil.example" };
  const json = { "content-type": "application/json" };
  const setLocale = (headers: Record<string, string>) =>
    api.post("/api/trpc/me.setLocale", { headers, data: { json: { locale: "en" } } });

  const forged = await setLocale({ ...json, ...evil });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ code: "FORBIDDEN", reason: "cross_site" });
  // A browser that hides the origin but says the request is cross-site.
  expect((await setLocale({ ...json, "sec-fetch-site": "cross-site" })).status()).toBe(403);
  // Pult's own pages, and programs that send neither header, go through.
  expect((await setLocale({ ...json, origin: E2E_BASE_URL })).status()).toBe(200);
  expect((await setLocale(json)).status()).toBe(200);

  // The CSV import: refused from another site, and only ever read as CSV.
  const csv = "name;phone\nIvan;+74951234567\n";
  const importFrom = (headers: Record<string, string>) =>
    api.post("/api/clients/import?mode=preview", { headers, data: csv });
  expect((await importFrom({ "content-type": "text/csv", ...evil })).status()).toBe(403);
  const plain = await importFrom({ "content-type": "text/plain", origin: E2E_BASE_URL });
  expect(plain.status()).toBe(415);
  expect(
    (
      await importFrom({ "content-type": "text/csv; charset=utf-8", origin: E2E_BASE_URL })
    ).status(),
  ).toBe(200);

  // The PBX's and the public API's routes are called by servers and keep their own checks.
  const v1 = await api.post("/api/v1/clients", { headers: { ...json, ...evil }, data: {} });
  expect(v1.status()).toBe(401);

  // The realtime handshake checks the origin too (a WebSocket is not bound by CORS).
  const handshake = (headers: Record<string, string>) =>
    api.get("/socket.io/?EIO=4&transport=polling", { headers });
  expect((await handshake(evil)).status()).toBe(403);
  expect((await handshake({ origin: E2E_BASE_URL })).status()).toBe(200);
  expect((await handshake({ "sec-fetch-site": "same-origin" })).status()).toBe(200);
});

test("repeated wrong passwords are throttled and the page says when to try again, in EN and RU", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  const attempt = async (email: string, password: string) => {
    // One server action per try; the next starts only when this one has answered. Matched by
    // the password it carries: any other POST to /signin (a refresh) must not stand in for it.
    const answered = page.waitForResponse(
      (r) =>
        r.request().method() === "POST" &&
        new URL(r.url()).pathname === "/signin" &&
        (r.request().postData() ?? "").includes(password),
    );
    await signIn.signIn(email, password);
    await answered;
    // The answer is on the page once the form is no longer pending: until then the message
    // shown is the previous try's (a throttled try answers fast, before that render).
    await expect(signIn.submit).toBeEnabled();
    return (await signIn.error.textContent()) ?? "";
  };

  for (let i = 0; i < 5; i++)
    expect(await attempt("intruder@pult.test", `guess-${i}`)).toBe("Incorrect email or password.");
  const limited = await attempt("intruder@pult.test", "guess-5");
  expect(limited).toMatch(/^Too many attempts\. Try again in \d+ seconds?\.$/);
  // The limit is per address too: the real password from here waits as well.
  expect(await attempt(E2E_ADMIN.email, E2E_ADMIN.password)).toMatch(/^Too many attempts/);
  await expect(page).toHaveURL(/\/signin/);

  await signIn.switchLanguage("ru");
  let text = "";
  // A try that lands after the wait counts as one more failure and doubles the next wait.
  for (let i = 0; i < 3 && !text.startsWith("Слишком много попыток"); i++)
    text = await attempt("intruder@pult.test", `guess-ru-${i}`);
  expect(text).toMatch(/^Слишком много попыток\. Повторите через \d+ секунд[уы]?\.$/);
});
