import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ClientToServerEvents,
  RealtimeReady,
  ServerToClientEvents,
} from "@/lib/realtime/events";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { bootstrapFirstTenant } from "@/server/users/bootstrap";
import { startRealtime, tenantRoom, type Realtime } from "@/server/realtime/io";

const secret = "realtime-test-secret-0123456789-abcdefghij";
const cookieName = "authjs.session-token";
const PUBLIC_URL = "https://pult.example.com";
let database: TestDatabase | undefined;
let http: HttpServer;
let realtime: Realtime;
let url: string;
let adminId: string;
const sockets: Socket[] = [];

async function cookieFor(uid: string, sv: number, key = secret): Promise<string> {
  const token = await encode({ token: { uid, sv }, secret: key, salt: cookieName });
  return `${cookieName}=${token}`;
}

function open(
  cookie?: string,
  headers: Record<string, string> = {},
): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ["websocket"],
    extraHeaders: { ...headers, ...(cookie ? { cookie } : {}) },
    reconnection: false,
  });
  sockets.push(socket);
  return socket;
}

function outcome(socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
  return new Promise<{ ready?: RealtimeReady; error?: string }>((resolve) => {
    socket.on("realtime:ready", (ready) => resolve({ ready }));
    socket.on("connect_error", (error) => resolve({ error: error.message }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  initDatabase(database.url);
  await bootstrapFirstTenant({
    tenantName: "Acme",
    adminEmail: "admin@acme.test",
    adminPassword: "admin-password-1",
  });
  adminId = (await getDb().user.findFirstOrThrow({ where: { email: "admin@acme.test" } })).id;
  realtime = await startRealtime({ authSecret: secret, publicUrl: PUBLIC_URL });
  http = createServer((req, res) => {
    if (!realtime.handleRequest(req, res)) res.writeHead(404).end();
  });
  http.on("upgrade", (req, socket, head: Buffer) => {
    if (!realtime.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await realtime?.close();
  await new Promise((resolve) => http?.close(resolve));
  await closeDatabase();
  await database?.drop();
});

describe("socket handshake", () => {
  it("refuses a connection without a session", async () => {
    expect(await outcome(open())).toEqual({ error: "unauthorized" });
  });

  it("refuses a forged or foreign-key session cookie", async () => {
    expect(
      await outcome(open(await cookieFor(adminId, 0, "another-secret-0123456789-abcdefghijkl"))),
    ).toEqual({
      error: "unauthorized",
    });
    expect(await outcome(open(`${cookieName}=not-a-jwt`))).toEqual({ error: "unauthorized" });
  });

  it("accepts a valid session, joins the tenant room and receives tenant events", async () => {
    const socket = open(await cookieFor(adminId, 0));
    const result = await outcome(socket);
    expect(result.ready?.userId).toBe(adminId);
    const tenantId = result.ready?.tenantId ?? "";
    const received = new Promise<void>((resolve) => socket.on("session:revoked", () => resolve()));
    realtime.io.to(tenantRoom(tenantId)).emit("session:revoked");
    await received;
    const pong: string = await new Promise((resolve) => socket.emit("realtime:ping", resolve));
    expect(Date.parse(pong)).not.toBeNaN();
  });

  // A WebSocket is not bound by CORS: a page of another site could open one with the visitor's
  // cookie. Browsers always send Origin with the handshake.
  it("refuses a handshake from a page of another origin, even with a valid session", async () => {
    const cookie = await cookieFor(adminId, 0);
    const foreign = await outcome(open(cookie, { origin: "https://evil.example" }));
    expect(foreign.ready).toBeUndefined();
    expect(foreign.error).toBeDefined();
    const hidden = await outcome(open(cookie, { "sec-fetch-site": "cross-site" }));
    expect(hidden.ready).toBeUndefined();
    expect((await outcome(open(cookie, { origin: PUBLIC_URL }))).ready?.userId).toBe(adminId);
  });

  it("refuses a session revoked by a sessionVersion bump", async () => {
    await getDb().user.update({
      where: { id: adminId },
      data: { sessionVersion: { increment: 1 } },
    });
    expect(await outcome(open(await cookieFor(adminId, 0)))).toEqual({ error: "unauthorized" });
    expect((await outcome(open(await cookieFor(adminId, 1)))).ready?.userId).toBe(adminId);
  });
});
