import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { startLoadBalancer, type LoadBalancer } from "@/scripts/lb";

// Two small backends (HTTP echo + Socket.IO) behind the load balancer.
type Backend = { name: string; url: string; http: HttpServer; io: Server; stop(): Promise<void> };

async function startBackend(name: string): Promise<Backend> {
  const http = createServer((req, res) => {
    if ((req.url ?? "").startsWith("/socket.io/")) return;
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      res.setHeader("set-cookie", "app=1; Path=/");
      res.end(
        JSON.stringify({
          name,
          body,
          url: req.url,
          xff: req.headers["x-forwarded-for"],
          proto: req.headers["x-forwarded-proto"],
          host: req.headers["x-forwarded-host"],
        }),
      );
    });
  });
  const io = new Server(http);
  io.on("connection", (socket) => socket.emit("hello", name));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let stopped = false;
  return {
    name,
    url,
    http,
    io,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

const opened: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()?.stop();
});

async function setUp() {
  const a = await startBackend("A");
  const b = await startBackend("B");
  const lb: LoadBalancer = await startLoadBalancer({
    port: 0,
    backends: [a.url, b.url],
    healthPath: "/health",
    healthIntervalMs: 200,
    log: () => undefined,
  });
  opened.push(a, b, { stop: () => lb.close() });
  return { a, b, lb };
}

type Echo = { name: string; body: string; xff: string; proto: string; host: string };
const echo = async (res: Response) => (await res.json()) as Echo;

function socketName(url: string, transport: "websocket" | "polling", cookie?: string) {
  const socket = connect(url, {
    transports: [transport],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
  });
  return new Promise<string>((resolve, reject) => {
    socket.once("hello", (name: string) => {
      socket.disconnect();
      resolve(name);
    });
    socket.once("connect_error", reject);
  }).finally(() => socket.disconnect());
}

describe("scripts/lb.ts", () => {
  it("spreads new visitors round robin and sets a sticky cookie next to the app's own", async () => {
    const { lb } = await setUp();
    const first = await fetch(`${lb.url}/x`, { method: "POST", body: "one" });
    const second = await fetch(`${lb.url}/x`, { method: "POST", body: "two" });
    const names = [(await echo(first)).name, (await echo(second)).name];
    expect(names.sort()).toEqual(["A", "B"]);
    expect(first.headers.getSetCookie()).toEqual([
      "app=1; Path=/",
      expect.stringMatching(/^pult_lb=[12]; Path=\/; HttpOnly; SameSite=Lax$/),
    ]);
    const sticky = await fetch(`${lb.url}/y`, { headers: { cookie: "pult_lb=2" } });
    expect((await echo(sticky)).name).toBe("B");
    expect(sticky.headers.getSetCookie()).toEqual(["app=1; Path=/"]);
  });

  it("replaces a client's X-Forwarded-For and forwards the body", async () => {
    const { lb } = await setUp();
    const res = await fetch(`${lb.url}/x`, {
      method: "POST",
      body: "payload",
      headers: { "x-forwarded-for": "6.6.6.6" },
    });
    expect(await echo(res)).toMatchObject({
      body: "payload",
      xff: "127.0.0.1",
      proto: "http",
      host: new URL(lb.url).host,
    });
  });

  it("keeps Socket.IO on the cookie's instance, over WebSocket and long-polling", async () => {
    const { lb } = await setUp();
    for (const transport of ["websocket", "polling"] as const) {
      expect(await socketName(lb.url, transport, "pult_lb=1")).toBe("A");
      expect(await socketName(lb.url, transport, "pult_lb=2")).toBe("B");
    }
    // Without a cookie: the client address decides, the same instance every time.
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) names.add(await socketName(lb.url, "polling"));
    expect(names.size).toBe(1);
  });

  it("skips a dead instance, retries a refused request elsewhere, and answers 503 with none left", async () => {
    const { a, b, lb } = await setUp();
    await b.stop();
    // A request whose connection is refused goes to A instead; the sticky cookie follows.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${lb.url}/z`, { headers: { cookie: "pult_lb=2" } });
      statuses.push(res.status);
      if (res.ok) expect((await echo(res)).name).toBe("A");
      else await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    await expect.poll(() => lb.alive(), { timeout: 3_000 }).toEqual(["1"]);
    await a.stop();
    const none = await fetch(`${lb.url}/q`);
    expect(none.status).toBe(503);
    expect(await none.text()).toContain("No Pult instance is available");
  });
});
