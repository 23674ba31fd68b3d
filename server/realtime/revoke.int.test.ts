// An open socket carries the user and role it was opened with: it must not outlive a change that
// takes access away. Disabling someone, changing their role and signing out close their sockets
// on every instance (two instances on one Redis here, the socket on the other one).
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { startRealtime, type Realtime } from "@/server/realtime/io";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const secret = "revoke-test-secret-0123456789-abcdefghijk";
const cookieName = "authjs.session-token";
let fixture: TenantFixture | undefined;
const instances: Array<{ realtime: Realtime; http: HttpServer; url: string }> = [];
const sockets: Socket[] = [];
let admin: SessionUser;

async function startInstance() {
  const realtime = await startRealtime({ authSecret: secret, redisUrl });
  const http = createServer((req, res) => {
    if (!realtime.handleRequest(req, res)) res.writeHead(404).end();
  });
  http.on("upgrade", (req, socket, head: Buffer) => {
    if (!realtime.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const instance = {
    realtime,
    http,
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
  };
  instances.push(instance);
  return instance;
}

async function manager(email: string, role: "MANAGER" | "SUPERVISOR" = "MANAGER") {
  return getDb().user.create({
    data: { tenantId: fixture?.tenantId ?? "", email, name: email, role, status: "ACTIVE" },
    select: { id: true, sessionVersion: true },
  });
}

type Watched = { socket: Socket<ServerToClientEvents, ClientToServerEvents>; reasons: string[] };

/** A signed-in browser tab on `url`; resolves once the server has put it in its rooms. */
async function openTab(url: string, user: { id: string; sessionVersion: number }) {
  const token = await encode({
    token: { uid: user.id, sv: user.sessionVersion },
    secret,
    salt: cookieName,
  });
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie: `${cookieName}=${token}` },
    reconnection: false,
  });
  sockets.push(socket);
  const watched: Watched = { socket, reasons: [] };
  socket.on("disconnect", (reason) => watched.reasons.push(reason));
  await new Promise<void>((resolve, reject) => {
    socket.on("realtime:ready", () => resolve());
    socket.on("connect_error", reject);
  });
  return watched;
}

beforeAll(async () => {
  fixture = await setUpTenant();
  const row = await getDb().user.findUniqueOrThrow({
    where: { id: fixture.adminId },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  admin = { ...row, locale: null };
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const { realtime, http } of instances) {
    await realtime.close();
    await new Promise((resolve) => http.close(resolve));
  }
  await fixture?.teardown();
});

describe("sockets follow changes to the user", () => {
  it("disabling a user closes their open sockets on another instance", async () => {
    const [other] = [await startInstance(), await startInstance()];
    const user = await manager("disabled@acme.test");
    const tab = await openTab(other?.url ?? "", user);
    const bystander = await openTab(other?.url ?? "", await manager("stays@acme.test"));

    await createCaller({ user: admin, ip: null }).users.setStatus({
      userId: user.id,
      status: "DISABLED",
    });
    await expect.poll(() => tab.socket.connected, { timeout: 5_000 }).toBe(false);
    expect(tab.reasons).toEqual(["io server disconnect"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bystander.socket.connected).toBe(true);
  });

  it("changing a user's role closes their sockets (they join the rooms of the new role)", async () => {
    const other = instances[0];
    const supervisor = await manager("demoted@acme.test", "SUPERVISOR");
    const tab = await openTab(other?.url ?? "", supervisor);
    const renamed = await manager("renamed@acme.test");
    const untouched = await openTab(other?.url ?? "", renamed);

    const caller = createCaller({ user: admin, ip: null });
    await caller.users.update({ userId: supervisor.id, name: "Demoted", role: "MANAGER" });
    await expect.poll(() => tab.socket.connected, { timeout: 5_000 }).toBe(false);
    // A new name alone changes nothing a socket holds on to.
    await caller.users.update({ userId: renamed.id, name: "Renamed", role: "MANAGER" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(untouched.socket.connected).toBe(true);
  });
});
