// Signing out must end the session, not just delete the cookie in this browser: a copy of the
// cookie (another tab, a stolen one) would otherwise stay good for the rest of its 7 days. The
// real next-auth routes, driven as a browser drives them.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { startRealtime, type Realtime } from "@/server/realtime/io";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";

const PUBLIC_URL = "http://localhost:3999";
const secret = "sign-out-test-secret-0123456789-abcdefgh";
const cookieName = "authjs.session-token";
let fixture: TenantFixture | undefined;
let realtime: Realtime | undefined;
let http: HttpServer | undefined;
let socket: Socket | undefined;

async function auth(
  path: string,
  init: { cookie: string; form?: Record<string, string> },
): Promise<Response> {
  const { handlers } = await import("@/server/auth/config");
  const url = `${PUBLIC_URL}/api/auth/${path}`;
  const headers = new Headers({ cookie: init.cookie });
  if (!init.form) return handlers.GET(new NextRequest(url, { headers }));
  headers.set("content-type", "application/x-www-form-urlencoded");
  return handlers.POST(
    new NextRequest(url, {
      method: "POST",
      headers,
      body: new URLSearchParams(init.form).toString(),
    }),
  );
}

async function sessionOf(cookie: string): Promise<unknown> {
  const response = await auth("session", { cookie });
  return response.json();
}

beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  process.env.AUTH_TRUST_HOST = "true";
  process.env.AUTH_URL = `${PUBLIC_URL}/api/auth`;
  fixture = await setUpTenant({ publicUrl: PUBLIC_URL });
  realtime = await startRealtime({ authSecret: secret });
  const server = createServer((req, res) => {
    if (!realtime?.handleRequest(req, res)) res.writeHead(404).end();
  });
  server.on("upgrade", (req, s, head: Buffer) => {
    if (!realtime?.handleUpgrade(req, s, head)) s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  http = server;
});

afterAll(async () => {
  socket?.disconnect();
  await realtime?.close();
  await new Promise((resolve) => http?.close(resolve));
  await fixture?.teardown();
});

describe("sign-out", () => {
  it("ends the session everywhere: the old cookie is refused and open sockets close", async () => {
    const user = await getDb().user.findUniqueOrThrow({
      where: { id: fixture?.adminId ?? "" },
      select: { id: true, sessionVersion: true },
    });
    const token = await encode({
      token: { uid: user.id, sv: user.sessionVersion },
      secret,
      salt: cookieName,
    });
    const session = `${cookieName}=${token}`;
    expect(await sessionOf(session)).toMatchObject({ user: { id: user.id } });

    const port = (http?.address() as AddressInfo).port;
    const tab: Socket = connect(`http://127.0.0.1:${port}`, {
      transports: ["websocket"],
      extraHeaders: { cookie: session },
      reconnection: false,
    });
    socket = tab;
    let revoked = false;
    tab.on("session:revoked", () => (revoked = true));
    await new Promise<void>((resolve, reject) => {
      tab.on("realtime:ready", () => resolve());
      tab.on("connect_error", reject);
    });

    const csrf = await auth("csrf", { cookie: session });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = (csrf.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const signedOut = await auth("signout", {
      cookie: `${session}; ${csrfCookie}`,
      form: { csrfToken, callbackUrl: `${PUBLIC_URL}/signin` },
    });
    expect(signedOut.status).toBe(302);

    // The cookie as it was before signing out (a copy kept elsewhere) no longer works.
    expect(await sessionOf(session)).toBeNull();
    await expect.poll(() => tab.connected, { timeout: 5_000 }).toBe(false);
    expect(revoked).toBe(true);
  });
});
