// Socket rooms: sockets of two companies are connected while both companies' calls ring, tasks
// close and people change status through the real paths (signed PBX notifications, tRPC). Each
// socket must receive its own company's events and never one of the other company's; a
// manager's socket never gets a colleague's call; asking to join another room does nothing.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { invokeProcedure } from "@/server/testing/procedures";
import { leakedMarkers } from "@/server/testing/tenant-snapshot";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { seedTenantWorld, type TenantWorld } from "@/server/testing/tenant-world";
import { notifyAs } from "@/server/testing/tenant-world-calls";
import { staffRoom, startRealtime, tenantRoom, type Realtime } from "@/server/realtime/io";

const secret = "realtime-isolation-secret-0123456789-abcdef";
const cookieName = "authjs.session-token";
const EVENTS = [
  "call:updated",
  "calls:updated",
  "call:ringing",
  "managers:updated",
  "task:updated",
] as const;

type Received = { event: string; payload: string };
type Client = { user: SessionUser; socket: Socket; received: Received[] };

let fixture: TenantFixture | undefined;
let a: TenantWorld;
let b: TenantWorld;
let http: HttpServer;
let realtime: Realtime | undefined;
let url = "";
const clients: Client[] = [];

async function open(user: SessionUser): Promise<Client> {
  const token = await encode({ token: { uid: user.id, sv: 0 }, secret, salt: cookieName });
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie: `${cookieName}=${token}` },
    reconnection: false,
  });
  const client: Client = { user, socket, received: [] };
  for (const event of EVENTS)
    socket.on(event, (payload: unknown) =>
      client.received.push({ event, payload: JSON.stringify(payload) }),
    );
  await new Promise<void>((resolve, reject) => {
    socket.on("realtime:ready", () => resolve());
    socket.on("connect_error", reject);
  });
  clients.push(client);
  return client;
}

async function until(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const has = (client: Client, event: string, marker: string) =>
  client.received.some((r) => r.event === event && r.payload.includes(marker));

/** A new call ringing at a workplace of this company, through its PBX's notifications. */
async function ring(world: TenantWorld, callId: string, desk: "manager" | "other") {
  const tag = world.label.toLowerCase();
  await notifyAs(world, "callStarted", {
    callId,
    direction: "incoming",
    from: world.phones.unknown,
    to: world.pbxNumber,
    parked: false,
  });
  await notifyAs(world, "callDelivered", { callId, workplaceId: `${tag}-wp-${desk}` });
}

beforeAll(async () => {
  fixture = await setUpTenant();
  a = await seedTenantWorld({
    label: "Alpha",
    digit: 1,
    parkTimeouts: 1,
    existing: { tenantId: fixture.tenantId, adminId: fixture.adminId },
  });
  b = await seedTenantWorld({ label: "Bravo", digit: 2, parkTimeouts: 2 });
  realtime = await startRealtime({ authSecret: secret });
  const server = realtime;
  http = createServer((req, res) => {
    if (!server.handleRequest(req, res)) res.writeHead(404).end();
  });
  http.on("upgrade", (req, socket, head: Buffer) => {
    if (!server.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  for (const client of clients) client.socket.disconnect();
  await realtime?.close();
  await new Promise((resolve) => http?.close(resolve));
  await fixture?.teardown();
});

describe("socket rooms across companies", () => {
  it("delivers each company's events to its own sockets only", async () => {
    const aAdmin = await open(a.admin);
    const aManager = await open(a.manager);
    const aOther = await open(a.otherManager);
    const bAdmin = await open(b.admin);
    const bManager = await open(b.manager);
    const bSupervisor = await open(b.supervisor);
    // A client cannot pick its rooms: whatever it asks for, it stays in its own.
    for (const room of [tenantRoom(b.tenantId), staffRoom(b.tenantId), `user:${b.manager.id}`]) {
      aAdmin.socket.emit("join", room);
      aManager.socket.emit("subscribe", room);
    }

    await ring(b, "bravo-live-1", "manager");
    await ring(a, "alpha-live-1", "manager");
    await ring(a, "alpha-live-2", "other");
    for (const [world, user] of [
      [b, b.manager],
      [a, a.manager],
    ] as const) {
      const closed = await invokeProcedure(user, "tasks.close", { taskId: world.tasks.manager });
      expect(closed.ok, closed.text).toBe(true);
      const presence = await invokeProcedure(user, "calls.setPresence", { presence: "BREAK" });
      expect(presence.ok, presence.text).toBe(true);
    }

    // Each socket got its own company's events (so the silence below means something).
    await until(() => has(bAdmin, "calls:updated", "bravo-live-1"), "B's board");
    await until(() => has(bSupervisor, "calls:updated", "bravo-live-1"), "B's supervisor");
    await until(() => has(bManager, "call:ringing", "bravo-live-1"), "B's screen pop");
    await until(() => has(bAdmin, "task:updated", b.tasks.manager), "B's task");
    await until(() => has(bManager, "managers:updated", b.manager.id), "B's presence");
    await until(() => has(aAdmin, "calls:updated", "alpha-live-2"), "A's board");
    await until(() => has(aManager, "call:ringing", "alpha-live-1"), "A's screen pop");
    await until(() => has(aOther, "call:ringing", "alpha-live-2"), "A's second pop");
    await until(() => has(aAdmin, "task:updated", a.tasks.manager), "A's task");
    await until(() => has(aAdmin, "managers:updated", a.manager.id), "A's presence");
    // Late events would arrive within the managers' coalescing window.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const textOf = (client: Client) => client.received.map((r) => r.payload).join("\n");
    for (const client of [aAdmin, aManager, aOther])
      expect(leakedMarkers(textOf(client), b.markers), client.user.name).toEqual([]);
    for (const client of [bAdmin, bManager, bSupervisor])
      expect(leakedMarkers(textOf(client), a.markers), client.user.name).toEqual([]);
    // Within a company, a manager's socket gets only their own calls.
    expect(textOf(aManager)).not.toContain("alpha-live-2");
    expect(textOf(aOther)).not.toContain("alpha-live-1");
    console.info(
      `socket isolation: ${clients.length} sockets, ` +
        `${clients.reduce((n, c) => n + c.received.length, 0)} events delivered, 0 across companies`,
    );
  });
});
