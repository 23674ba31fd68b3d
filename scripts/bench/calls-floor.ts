// The floor server (scripts/bench/floor-server.ts) under the same traffic as Pult: its own
// database, N instances behind scripts/lb.ts when N > 1 (Redis fan-out), the simulator pointed
// straight at its notification URL, and the same number of Socket.IO clients.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import { z } from "zod";
import type { Stored } from "@/scripts/bench/calls-analysis";
import {
  countBytes,
  newClientRecord,
  recordPush,
  type ClientRecord,
  type StoredEvent,
} from "@/scripts/bench/calls-matching";
import { startBenchSimulator, type BenchSimulator } from "@/scripts/bench/calls-traffic";
import { LB_COOKIE, startCluster } from "@/scripts/bench/cluster";
import {
  BenchError,
  createBenchDatabase,
  mapLimit,
  startNodeProcess,
  waitForHttp,
  wallMs,
  type BenchContext,
} from "@/scripts/bench/common";
import { lbCookie, readCookie } from "@/scripts/bench/session";
import type { Target } from "@/scripts/bench/calls-pult";

const floorPushSchema = z.object({ id: z.string(), callId: z.string().nullable() });

export async function startFloorTarget(
  opts: {
    instances: number;
    port: number;
    clients: number;
    supervisors: number;
    workplaces: number;
    redisUrl: string;
  },
  ctx: BenchContext,
): Promise<{ target: Target; sim: BenchSimulator }> {
  const isCluster = opts.instances > 1;
  const key = randomBytes(24).toString("base64url");
  const secret = randomBytes(16).toString("hex");
  const socketToken = randomBytes(16).toString("hex");
  ctx.phase("creating a PostgreSQL database for the floor server");
  const database = await createBenchDatabase(ctx, { migrate: false });
  const redisKey = `pult-bench-floor-${randomBytes(4).toString("hex")}`;
  const cluster = await startCluster(
    {
      count: opts.instances,
      port: opts.port,
      what: "the floor server",
      start: async (label, port) => {
        const handle = startNodeProcess(
          "scripts/bench/floor-server.ts",
          {
            FLOOR_PORT: String(port),
            FLOOR_HOST: "127.0.0.1",
            DATABASE_URL: database.url,
            FLOOR_KEY: key,
            FLOOR_SECRET: secret,
            FLOOR_SOCKET_TOKEN: socketToken,
            FLOOR_INSTANCE: label,
            REDIS_URL: isCluster ? opts.redisUrl : "",
            FLOOR_REDIS_KEY: redisKey,
          },
          ctx,
        );
        const url = `http://127.0.0.1:${port}`;
        await waitForHttp(`${url}/api/health`, handle, "the floor server");
        return { ...handle, label, url };
      },
    },
    ctx,
  );
  const sim = await startBenchSimulator(
    { workplaces: opts.workplaces, redirectUri: `${cluster.url}/mtt/${key}`, clientSecret: secret },
    ctx,
  );

  ctx.phase(`opening ${opts.clients} Socket.IO connections to the floor server`);
  const clients: ClientRecord[] = [];
  const sockets: Socket[] = [];
  const closeSockets = () => sockets.forEach((s) => s.disconnect());
  const unregisterSockets = ctx.onCleanup(closeSockets);
  const people = Array.from({ length: opts.clients }, (_, i) => i);
  await mapLimit(people, 4, async (i) => {
    const role = i < opts.supervisors ? ("SUPERVISOR" as const) : ("MANAGER" as const);
    // The lb's first answer sets its sticky cookie, as a page load before the socket would.
    const cookie = isCluster ? await lbCookie(cluster.url) : "";
    const socket = connectSocket(cluster.url, {
      transports: ["websocket"],
      extraHeaders: cookie ? { cookie } : {},
      auth: { token: socketToken, role: role === "SUPERVISOR" ? "supervisor" : "manager", user: i },
      reconnection: false,
    });
    sockets.push(socket);
    const record = newClientRecord(role, readCookie(cookie, LB_COOKIE) ?? "1");
    clients.push(record);
    // One frame per stored notification, naming it: matched by id, as Pult's eventIds.
    socket.on("notification", (value: unknown) => {
      const at = wallMs();
      const n = floorPushSchema.safeParse(value);
      if (n.success && n.data.callId) recordPush(record, n.data.callId, [n.data.id], at);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("ready", () => resolve());
      socket.once("connect_error", (error) =>
        reject(new BenchError(`Socket.IO connection to the floor failed: ${error.message}`)),
      );
    });
    socket.on("disconnect", () => record.disconnects++);
    countBytes(socket, record);
  });

  const target: Target = {
    cluster,
    databaseName: database.name,
    clients,
    readStored: () => readFloorStored(database.url, isCluster),
    async stop() {
      unregisterSockets();
      closeSockets();
      await sim.handle.stop();
      await cluster.stop();
      await database.drop();
    },
  };
  return { target, sim };
}

async function readFloorStored(url: string, isCluster: boolean): Promise<Stored> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const rows = await db.query<{ id: string; call_id: string | null; t: number; by: string }>(
      `SELECT id, call_id, extract(epoch FROM stored_at)::float8 * 1000 AS t, stored_by AS by
         FROM floor_notifications`,
    );
    const copies = new Map<string, number>();
    const events: StoredEvent[] = rows.rows.map((row) => {
      copies.set(row.id, (copies.get(row.id) ?? 0) + 1);
      return {
        id: row.id,
        callId: row.call_id,
        receivedAtMs: row.t,
        processedAtMs: row.t,
        instance: isCluster ? row.by : null,
      };
    });
    // The primary key makes a second row per id impossible; counted anyway, as for Pult.
    let duplicateGroups = 0;
    for (const n of copies.values()) if (n > 1) duplicateGroups++;
    return { events, copies, duplicateGroups, callStates: null };
  } finally {
    await db.end();
  }
}
