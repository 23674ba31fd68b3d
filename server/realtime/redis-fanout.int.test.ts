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
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { startRealtime, tenantRoom, type Realtime } from "@/server/realtime/io";

// Two instances on one Redis, as behind a load balancer: an event published by instance A must
// reach a browser connected to instance B.
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const secret = "fanout-test-secret-0123456789-abcdefghijk";
const cookieName = "authjs.session-token";
let fixture: TenantFixture | undefined;
const instances: Array<{ realtime: Realtime; http: HttpServer; url: string }> = [];
const sockets: Socket[] = [];

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

beforeAll(async () => {
  fixture = await setUpTenant();
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const { realtime, http } of instances) {
    await realtime.close();
    await new Promise((resolve) => http.close(resolve));
  }
  await fixture?.teardown();
});

describe("realtime across instances (Redis adapter)", () => {
  it("delivers an event emitted on instance A to a browser on instance B, and not to other tenants", async () => {
    const [a, b] = [await startInstance(), await startInstance()];
    const token = await encode({
      token: { uid: fixture?.adminId, sv: 0 },
      secret,
      salt: cookieName,
    });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(b.url, {
      transports: ["websocket"],
      extraHeaders: { cookie: `${cookieName}=${token}` },
      reconnection: false,
    });
    sockets.push(socket);
    const ready = await new Promise<RealtimeReady>((resolve, reject) => {
      socket.on("realtime:ready", resolve);
      socket.on("connect_error", reject);
    });
    let revocations = 0;
    socket.on("session:revoked", () => revocations++);
    // Another tenant's room: must not arrive.
    a.realtime.io.to(tenantRoom("00000000-0000-0000-0000-000000000000")).emit("session:revoked");
    const started = Date.now();
    a.realtime.io.to(tenantRoom(ready.tenantId)).emit("session:revoked");
    await expect.poll(() => revocations, { timeout: 5_000 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(revocations).toBe(1);
  });
});
