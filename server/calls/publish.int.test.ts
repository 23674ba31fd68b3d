import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ClientToServerEvents,
  LiveCall,
  ManagerStatus,
  ServerToClientEvents,
} from "../../lib/realtime/events";
import { getDb } from "../db";
import { startRealtime, type Realtime } from "../realtime/io";
import { setUpTenant, type TenantFixture } from "../testing/tenant-fixture";
import { liveCallFixture } from "./live-call-fixture";
import { MANAGER_COALESCE_MS, publishCall, queueManagers, STAFF_BATCH_MS } from "./publish";

const secret = "publish-test-secret-0123456789-abcdefghij";
let fixture: TenantFixture;
let http: HttpServer;
let realtime: Realtime;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
const managerIds: string[] = [];

beforeAll(async () => {
  fixture = await setUpTenant();
  for (const name of ["Anna", "Boris"]) {
    const user = await getDb().user.create({
      data: {
        tenantId: fixture.tenantId,
        email: `${name.toLowerCase()}@acme.test`,
        name,
        role: "MANAGER",
        status: "ACTIVE",
        presence: "AVAILABLE",
      },
    });
    managerIds.push(user.id);
  }
  realtime = await startRealtime({ authSecret: secret });
  http = createServer((req, res) => {
    if (!realtime.handleRequest(req, res)) res.writeHead(404).end();
  });
  http.on("upgrade", (req, sock, head: Buffer) => {
    if (!realtime.handleUpgrade(req, sock, head)) sock.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const cookieName = "authjs.session-token";
  const token = await encode({
    token: { uid: fixture.adminId, sv: 0 },
    secret,
    salt: cookieName,
  });
  socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ["websocket"],
    extraHeaders: { cookie: `${cookieName}=${token}` },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("realtime:ready", () => resolve());
    socket.once("connect_error", reject);
  });
});

afterAll(async () => {
  socket?.disconnect();
  await realtime?.close();
  await new Promise((resolve) => http?.close(resolve));
  await fixture?.teardown();
});

describe("manager status publishing", () => {
  it("coalesces a burst of call events into one managers:updated frame with each manager's latest state", async () => {
    const [anna, boris] = managerIds as [string, string];
    const received: ManagerStatus[] = [];
    const frames: number[] = [];
    socket.on("managers:updated", (statuses) => {
      frames.push(statuses.length);
      received.push(...statuses);
    });

    await getDb().user.update({ where: { id: boris }, data: { presence: "BREAK" } });
    const first = queueManagers(fixture.tenantId, [anna]);
    const second = queueManagers(fixture.tenantId, [anna, boris]);
    const third = queueManagers(fixture.tenantId, [boris]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    await first;
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the frames arrive

    expect(frames).toEqual([2]);
    expect(received.map((s) => s.name).sort()).toEqual(["Anna", "Boris"]);
    expect(received.find((s) => s.id === boris)?.presence).toBe("BREAK");

    // After the window a new event publishes again.
    received.length = 0;
    frames.length = 0;
    const started = Date.now();
    await queueManagers(fixture.tenantId, [anna]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MANAGER_COALESCE_MS - 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(frames).toEqual([1]);
    expect(received.map((s) => s.id)).toEqual([anna]);
  });
});

const liveCall = (externalId: string, state: LiveCall["state"]): LiveCall =>
  liveCallFixture(`00000000-0000-4000-8000-${externalId.padStart(12, "0")}`, { externalId, state });

describe("call publishing to supervisors", () => {
  it("sends a burst of call events as one calls:updated frame, each call once in its latest state", async () => {
    const frames: LiveCall[][] = [];
    const single: LiveCall[] = [];
    socket.on("calls:updated", (calls) => frames.push(calls));
    socket.on("call:updated", (call) => single.push(call));
    const publish = (live: LiveCall) =>
      publishCall(fixture.tenantId, {
        callId: live.id,
        managerId: null,
        previousManagerId: null,
        isRingingNow: false,
        live,
      });

    await publish(liveCall("101", "PARKED"));
    await publish(liveCall("202", "RINGING"));
    await publish(liveCall("101", "RINGING"));
    await publish(liveCall("101", "TALKING"));
    await new Promise((resolve) => setTimeout(resolve, STAFF_BATCH_MS + 150));

    expect(frames).toHaveLength(1);
    expect(frames[0]?.map((c) => [c.externalId, c.state])).toEqual([
      ["202", "RINGING"],
      ["101", "TALKING"],
    ]);
    // An admin is not the calls' manager: nothing one by one.
    expect(single).toEqual([]);

    // The next burst is a new frame.
    await publish(liveCall("101", "ENDED"));
    await new Promise((resolve) => setTimeout(resolve, STAFF_BATCH_MS + 150));
    expect(frames.map((f) => f.map((c) => c.state))).toEqual([["RINGING", "TALKING"], ["ENDED"]]);
  });
});
