// The floor for the live-calls bench: the least a server can do per PBX notification and still
// be correct — authenticate the URL key, verify the signature, parse the JSON, one INSERT … ON
// CONFLICT DO NOTHING on the notification id, one emit to a Socket.IO room, then 2xx. Written
// with node:http, pg and socket.io only (plus the Redis adapter with several instances). Pult's
// figures are printed as a ratio to this one's under the same traffic.
//
// Environment: FLOOR_PORT, FLOOR_HOST (127.0.0.1), DATABASE_URL, FLOOR_KEY (the URL key: POST
// /mtt/<key>), FLOOR_SECRET (HMAC-SHA256 key of X-MTT-Signature), FLOOR_SOCKET_TOKEN (what
// Socket.IO clients send as auth.token), FLOOR_INSTANCE (stored with each row), REDIS_URL and
// FLOOR_REDIS_KEY (fan-out across instances), FLOOR_POOL_MAX (10, as Pult's DATABASE_POOL_MAX).
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import pg from "pg";
import { createClient } from "redis";
import { Server } from "socket.io";

const MAX_BODY = 256 * 1024;

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`floor server: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number(required("FLOOR_PORT"));
const key = Buffer.from(required("FLOOR_KEY"));
const secret = required("FLOOR_SECRET");
const socketToken = required("FLOOR_SOCKET_TOKEN");
const instance = process.env.FLOOR_INSTANCE ?? "1";
const pool = new pg.Pool({
  connectionString: required("DATABASE_URL"),
  max: Number(process.env.FLOOR_POOL_MAX ?? 10),
});

await pool.query(`CREATE TABLE IF NOT EXISTS floor_notifications (
  id text PRIMARY KEY,
  type text NOT NULL,
  call_id text,
  payload jsonb NOT NULL,
  stored_by text NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT clock_timestamp()
)`);

const sameKey = (given: string) => {
  const buffer = Buffer.from(given);
  return buffer.length === key.length && timingSafeEqual(buffer, key);
};

function signatureOk(body: Buffer, header: string | string[] | undefined): boolean {
  const match = typeof header === "string" ? /^sha256=([0-9a-f]{64})$/i.exec(header.trim()) : null;
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(Buffer.from(match[1], "hex"), expected);
}

type Notification = { id: string; type: string; callId: string | null };

function parse(body: Buffer): Notification | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { id, type, data } = value as Record<string, unknown>;
  if (typeof id !== "string" || id.length === 0 || id.length > 200) return null;
  if (typeof type !== "string" || typeof data !== "object" || data === null) return null;
  const callId = (data as Record<string, unknown>).callId;
  return { id, type, callId: typeof callId === "string" ? callId : null };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });

async function receive(req: IncomingMessage, res: ServerResponse, urlKey: string): Promise<void> {
  if (!sameKey(urlKey)) return reply(res, 404, { error: "unknown_integration" });
  const body = await readBody(req);
  if (body === null) return reply(res, 413, { error: "too_large" });
  if (!signatureOk(body, req.headers["x-mtt-signature"]))
    return reply(res, 401, { error: "bad_signature" });
  const notification = parse(body);
  if (!notification) return reply(res, 400, { error: "malformed" });
  try {
    const inserted = await pool.query(
      `INSERT INTO floor_notifications (id, type, call_id, payload, stored_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [notification.id, notification.type, notification.callId, body.toString("utf8"), instance],
    );
    // A redelivery was stored and pushed the first time.
    if (inserted.rowCount === 1)
      io.to("staff").emit("notification", { id: notification.id, callId: notification.callId });
    return reply(res, 200, inserted.rowCount === 1 ? { ok: true } : { ok: true, duplicate: true });
  } catch (error) {
    console.error("floor server: insert failed", error instanceof Error ? error.message : error);
    return reply(res, 503, { error: "unavailable" });
  }
}

const http = createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const mtt = /^\/mtt\/([^/]+)$/.exec(path);
  if (req.method === "POST" && mtt) {
    receive(req, res, decodeURIComponent(mtt[1] ?? "")).catch(() => reply(res, 400, {}));
    return;
  }
  if (req.method === "GET" && path === "/api/health") {
    void pool.query("SELECT 1").then(
      () => reply(res, 200, { status: "ok" }),
      () => reply(res, 503, { status: "error" }),
    );
    return;
  }
  if (!path.startsWith("/socket.io/")) reply(res, 404, { error: "not_found" });
});

const io = new Server(http, { serveClient: false, pingInterval: 20_000, pingTimeout: 20_000 });
const redisClients: Array<{ quit(): Promise<unknown> }> = [];
if (process.env.REDIS_URL) {
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: process.env.FLOOR_REDIS_KEY ?? "floor" }));
  redisClients.push(pub, sub);
}
io.use((socket, next) => {
  const auth = socket.handshake.auth as Record<string, unknown>;
  if (typeof auth.token !== "string" || auth.token !== socketToken)
    return next(new Error("unauthorized"));
  return next();
});
io.on("connection", (socket) => {
  const auth = socket.handshake.auth as Record<string, unknown>;
  const room = auth.role === "supervisor" ? "staff" : `user:${String(auth.user)}`;
  void socket.join(room);
  socket.emit("ready");
});

http.keepAliveTimeout = 65_000;
http.listen(port, process.env.FLOOR_HOST ?? "127.0.0.1", () =>
  console.log(`floor server ${instance} listening on ${port}`),
);

process.once("SIGTERM", () => {
  void io.close();
  http.closeAllConnections();
  void Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)))
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
