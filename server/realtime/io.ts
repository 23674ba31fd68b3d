import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server as EngineServer } from "engine.io";
import { createClient } from "redis";
import { Server } from "socket.io";
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@/lib/realtime/events";
import { isCrossSite } from "@/server/auth/cross-site";
import { loadSessionUser, type SessionUser } from "@/server/auth/session-user";
import { getConfig } from "@/server/config";
import { log } from "@/server/logger";
import { canSeeAllCalls } from "@/server/policy/policy";
import { readSessionToken } from "@/server/realtime/session-cookie";

type SocketData = { user: SessionUser };
/** Between Pult instances through the Redis adapter (serverSideEmit); checked on receipt. */
type InterServerEvents = { "panel:entries": (tenantId: string, entries: unknown) => void };
export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;
export const userRoom = (userId: string) => `user:${userId}`;
/** Admins and supervisors: they see every call of the tenant. */
export const staffRoom = (tenantId: string) => `tenant:${tenantId}:staff`;

const holder = globalThis as unknown as { __pultRealtime?: Realtime };

export type Realtime = {
  io: RealtimeServer;
  /** Several instances share Redis: serverSideEmit reaches the others. */
  isClustered: boolean;
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
};

/** Process-wide, so route handlers loaded by Next publish through the same server. */
export function getRealtime(): Realtime | undefined {
  return holder.__pultRealtime;
}

/**
 * Closes every socket the user has open, on every instance (the Redis adapter forwards it): a
 * socket keeps the user and role it was opened with. When the session has ended the tabs are
 * told first and go to the sign-in page; otherwise they reconnect, and the handshake puts them
 * in the rooms their role gives them now.
 */
export function closeUserSockets(userId: string, opts: { sessionEnded: boolean }): void {
  const io = getRealtime()?.io;
  if (!io) return;
  if (opts.sessionEnded) io.to(userRoom(userId)).emit("session:revoked");
  io.in(userRoom(userId)).disconnectSockets(true);
}

export async function startRealtime(opts: {
  authSecret: string;
  redisUrl?: string;
  /** Pult's address; handshakes from pages of another origin are refused. */
  publicUrl?: string;
}): Promise<Realtime> {
  const publicUrl = opts.publicUrl ?? getConfig().publicUrl;
  // Our own engine instead of io.attach(): the custom server keeps one request and one upgrade
  // dispatcher, so Next's dev websocket and Socket.IO never fight over the same event.
  const engine = new EngineServer({
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // A WebSocket is not bound by CORS: without this, any site could open one with the
    // visitor's cookie and read their calls.
    allowRequest: (req, callback) => callback(null, !isCrossSite(req.headers, publicUrl)),
  });
  const io: RealtimeServer = new Server({ serveClient: false, path: SOCKET_PATH });
  io.bind(engine);

  const redisClients: Array<{ quit(): Promise<unknown> }> = [];
  if (opts.redisUrl) {
    const pub = createClient({ url: opts.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub])
      client.on("error", (error: Error) => log.warn("redis error", { error }));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redisClients.push(pub, sub);
    log.info("realtime: Redis adapter enabled, events fan out across instances");
  }

  const authenticate = async (cookie: string | undefined): Promise<SessionUser | Error> => {
    try {
      const token = await readSessionToken(cookie, opts.authSecret);
      const user = token ? await loadSessionUser(token.uid, token.sv) : null;
      return user ?? new Error("unauthorized");
    } catch (error) {
      log.error("realtime handshake failed", { error });
      return new Error("unavailable");
    }
  };
  io.use((socket, next) => {
    // Socket.IO middleware is callback-based; authenticate() never rejects.
    /* eslint-disable promise/no-callback-in-promise */
    void authenticate(socket.handshake.headers.cookie).then((result) => {
      if (result instanceof Error) return next(result);
      socket.data.user = result;
      return next();
    });
    /* eslint-enable promise/no-callback-in-promise */
  });

  io.on("connection", (socket) => {
    const { user } = socket.data;
    const isStaff = canSeeAllCalls(user);
    void socket.join([
      tenantRoom(user.tenantId),
      userRoom(user.id),
      ...(isStaff ? [staffRoom(user.tenantId)] : []),
    ]);
    socket.emit("realtime:ready", {
      userId: user.id,
      tenantId: user.tenantId,
      serverTime: new Date().toISOString(),
    });
    socket.on("realtime:ping", (ack) => {
      if (typeof ack === "function") ack(new Date().toISOString());
    });
  });

  const isSocketPath = (req: IncomingMessage) => (req.url ?? "").startsWith(SOCKET_PATH);
  const realtime: Realtime = {
    io,
    isClustered: redisClients.length > 0,
    handleRequest(req, res) {
      if (!isSocketPath(req)) return false;
      engine.handleRequest(req, res);
      return true;
    },
    handleUpgrade(req, socket, head) {
      if (!isSocketPath(req)) return false;
      engine.handleUpgrade(req, socket, head);
      return true;
    },
    async close() {
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      engine.close();
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
      holder.__pultRealtime = undefined;
    },
  };
  holder.__pultRealtime = realtime;
  return realtime;
}
