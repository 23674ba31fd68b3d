import { randomUUID } from "node:crypto";
import pg from "pg";
import { createClient } from "redis";
import { getConfig } from "@/server/config";
import { getDb } from "@/server/db";
import { log } from "@/server/logger";

// Cross-instance invalidation of routing snapshots. One channel, picked once per process:
// - REDIS_URL set → Redis pub/sub (the channel the realtime fan-out already relies on);
// - otherwise a PostgreSQL server (DATABASE_URL) → LISTEN/NOTIFY on a dedicated connection;
// - embedded database → in-process only: the data-dir lock allows one instance per folder, and
//   PGlite serves all socket connections from one session, so NOTIFY would not fan out anyway.
// Messages are published after the change commits; each instance applies its own at once.

export type InvalidationPart = "rules" | "clients" | "staff" | "calls" | "all";
export type Invalidation = { tenantId: string; part: InvalidationPart; clientIds?: string[] };

const CHANNEL = "pult_routing";
// NOTIFY payloads must stay under 8000 bytes: ~100 uuids per message.
const IDS_PER_MESSAGE = 100;

type Bus = {
  mode: "redis" | "postgres" | "local";
  publish(message: Invalidation): void;
  /** False while the remote channel is down: readers must not trust the snapshot for long. */
  isHealthy(): boolean;
  close(): Promise<void>;
};

type Handler = (message: Invalidation) => void;
type Holder = { __pultRoutingBus?: { bus: Bus; handlers: Set<Handler> } };
const holder = globalThis as unknown as Holder;
const instanceId = randomUUID();

function deliver(message: Invalidation): void {
  for (const handler of holder.__pultRoutingBus?.handlers ?? []) handler(message);
}

function encode(message: Invalidation): string[] {
  const ids = message.clientIds;
  if (!ids || ids.length <= IDS_PER_MESSAGE) return [JSON.stringify({ ...message, o: instanceId })];
  const chunks: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_MESSAGE) {
    const part = { ...message, clientIds: ids.slice(i, i + IDS_PER_MESSAGE), o: instanceId };
    chunks.push(JSON.stringify(part));
  }
  return chunks;
}

function decode(raw: string): Invalidation | null {
  try {
    const value = JSON.parse(raw) as Invalidation & { o?: string };
    if (value.o === instanceId || typeof value.tenantId !== "string") return null;
    return { tenantId: value.tenantId, part: value.part, clientIds: value.clientIds };
  } catch {
    return null;
  }
}

/** Everything may have changed while the channel was down. */
const everything = (): Invalidation => ({ tenantId: "*", part: "all" });

function startRedisBus(url: string): Bus {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  let healthy = false;
  for (const client of [pub, sub])
    client.on("error", (error: Error) => {
      healthy = false;
      log.warn("routing bus: redis error", { error });
    });
  sub.on("ready", () => {
    healthy = true;
    deliver(everything());
  });
  void Promise.all([pub.connect(), sub.connect()])
    .then(() =>
      sub.subscribe(CHANNEL, (raw) => {
        const message = decode(raw);
        if (message) deliver(message);
      }),
    )
    .catch((error: unknown) => log.warn("routing bus: redis connect failed", { error }));
  return {
    mode: "redis",
    publish(message) {
      for (const payload of encode(message))
        pub.publish(CHANNEL, payload).catch((error: unknown) => {
          log.warn("routing bus: publish failed", { error });
        });
    },
    isHealthy: () => healthy,
    async close() {
      await Promise.all([pub.quit(), sub.quit()].map((p) => p.catch(() => undefined)));
    },
  };
}

function startPostgresBus(url: string): Bus {
  let client: pg.Client | null = null;
  let healthy = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = () => {
    const next = new pg.Client({ connectionString: url });
    const fail = (error: unknown) => {
      if (healthy || client === next) log.warn("routing bus: LISTEN connection lost", { error });
      healthy = false;
      client = null;
      // eslint-disable-next-line promise/no-promise-in-callback -- fire-and-forget cleanup
      next.end().catch(() => undefined);
      if (!closed) retry = setTimeout(connect, 1_000);
    };
    next.on("error", fail);
    next.on("notification", (n) => {
      const message = n.payload ? decode(n.payload) : null;
      if (message) deliver(message);
    });
    const listen = async () => {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (closed) return next.end();
      client = next;
      healthy = true;
      deliver(everything());
    };
    listen().catch(fail);
  };
  connect();
  return {
    mode: "postgres",
    publish(message) {
      for (const payload of encode(message))
        getDb().$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`.catch((error: unknown) => {
          log.warn("routing bus: NOTIFY failed", { error });
        });
    },
    isHealthy: () => healthy,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

function startBus(): Bus {
  const config = getConfig();
  if (config.redisUrl) return startRedisBus(config.redisUrl);
  if (config.databaseUrl) return startPostgresBus(config.databaseUrl);
  return {
    mode: "local",
    publish: () => undefined,
    isHealthy: () => true,
    close: () => Promise.resolve(),
  };
}

/** Starts the process's channel on first use and registers a handler for remote messages. */
export function ensureBus(handler?: Handler): Bus {
  holder.__pultRoutingBus ??= { bus: startBus(), handlers: new Set() };
  if (handler) holder.__pultRoutingBus.handlers.add(handler);
  return holder.__pultRoutingBus.bus;
}

/** Other instances may hold snapshots even if this one never built any: always publish. */
export function publishInvalidation(message: Invalidation): void {
  ensureBus().publish(message);
}

export async function closeBus(): Promise<void> {
  const current = holder.__pultRoutingBus;
  holder.__pultRoutingBus = undefined;
  await current?.bus.close();
}
