// Pult under the live-calls bench: a fresh PostgreSQL database, N production servers (behind
// scripts/lb.ts when N > 1, sharing Redis), connected to the simulator through the real OAuth flow,
// and M signed-in Socket.IO clients spread over the instances by the lb's sticky cookie.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type LiveCall,
  type ServerToClientEvents,
} from "../../lib/realtime/events";
import type { ClientRecord, Stored, StoredEvent } from "./calls-analysis";
import { benchStructure, type BenchSimulator } from "./calls-traffic";
import { LB_COOKIE, startCluster, taggedDatabaseUrl, type Cluster } from "./cluster";
import {
  BenchError,
  connectToSimulator,
  createBenchDatabase,
  mapLimit,
  readCookie,
  signIn,
  startPult,
  trpc,
  wallMs,
  type BenchContext,
} from "./common";

export type Target = {
  cluster: Cluster;
  clients: ClientRecord[];
  readStored(): Promise<Stored>;
  stop(): Promise<void>;
};

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// Which instance stored each notification: every instance connects with its own
// application_name, and this trigger (in the bench's throwaway database only) records it.
const TAG_INSTANCES_SQL = `
  CREATE UNLOGGED TABLE bench_event_instance (notification_id text PRIMARY KEY, instance text NOT NULL);
  CREATE FUNCTION bench_tag_event() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO bench_event_instance VALUES (NEW.notification_id, current_setting('application_name'))
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;
  CREATE TRIGGER bench_tag_event AFTER INSERT ON call_events
    FOR EACH ROW EXECUTE FUNCTION bench_tag_event();`;
const TAG_PREFIX = "pult-bench-";

export async function startPultTarget(
  opts: {
    instances: number;
    port: number;
    clients: number;
    supervisors: number;
    workplaces: number;
    sim: BenchSimulator;
    redisUrl: string;
  },
  ctx: BenchContext,
): Promise<Target> {
  const managers = opts.clients - opts.supervisors;
  const admin = {
    email: "bench-admin@pult.test",
    password: `bench-${randomBytes(9).toString("hex")}`,
  };
  const userPassword = `bench-${randomBytes(9).toString("hex")}`;
  const isCluster = opts.instances > 1;

  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);
  if (isCluster) {
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query(TAG_INSTANCES_SQL).finally(() => db.end());
  }
  ctx.phase(`database ${database.name} ready`);

  const secret = randomBytes(32).toString("hex");
  const cluster = await startCluster(
    {
      count: opts.instances,
      port: opts.port,
      what: "the production server",
      start: async (label, port, publicUrl) => {
        const server = await startPult(
          {
            port,
            admin,
            publicUrl,
            env: {
              DATABASE_URL: isCluster
                ? taggedDatabaseUrl(database.url, `${TAG_PREFIX}${label}`)
                : database.url,
              PULT_SECRET: secret,
              // One instance runs as a single-instance deployment does: without Redis.
              REDIS_URL: isCluster ? opts.redisUrl : "",
              TRUST_PROXY: isCluster ? "true" : "false",
            },
          },
          ctx,
        );
        return { ...server, label, url: `http://127.0.0.1:${port}` };
      },
    },
    ctx,
  );
  const base = cluster.url;

  const adminCookie = await signIn(base, admin.email, admin.password);
  await connectToSimulator(
    {
      baseUrl: base,
      cookie: adminCookie,
      simUrl: opts.sim.url,
      credentials: opts.sim.credentials,
      workplaces: opts.workplaces,
      syncTimeoutMs: 300_000,
    },
    ctx,
  );

  ctx.phase(
    `creating ${opts.supervisors} supervisors and ${managers} managers linked to workplaces`,
  );
  const workplaces = await trpc<Array<{ id: string; externalId: string }>>(
    base,
    adminCookie,
    "directory.workplaces",
    undefined,
    "query",
  );
  const workplaceIdByExternal = new Map(workplaces.map((w) => [w.externalId, w.id]));
  const structure = benchStructure(opts.workplaces);
  const people = Array.from({ length: opts.clients }, (_, i) => {
    const isSupervisor = i < opts.supervisors;
    const n = String(i + 1).padStart(4, "0");
    return {
      email: `${isSupervisor ? "supervisor" : "manager"}-${n}@bench.pult.test`,
      name: `${isSupervisor ? "Supervisor" : "Manager"} ${n}`,
      role: isSupervisor ? ("SUPERVISOR" as const) : ("MANAGER" as const),
      workplaceExternalId: isSupervisor
        ? null
        : (structure.workplaces[i - opts.supervisors]?.id ?? null),
    };
  });
  // Invite → accept (sets the password) → link the workplace: what an admin and the person do.
  await mapLimit(people, 4, async (person) => {
    const invite = await trpc<{ userId: string; inviteUrl: string }>(
      base,
      adminCookie,
      "users.invite",
      { email: person.email, name: person.name, role: person.role },
    );
    const token = invite.inviteUrl.split("/").at(-1) ?? "";
    await trpc(base, "", "invites.accept", { token, name: person.name, password: userPassword });
    if (person.workplaceExternalId) {
      const workplaceId = workplaceIdByExternal.get(person.workplaceExternalId);
      if (!workplaceId) throw new BenchError(`workplace ${person.workplaceExternalId} not synced`);
      await trpc(base, adminCookie, "users.linkWorkplace", { userId: invite.userId, workplaceId });
    }
  });

  ctx.phase(`signing in ${opts.clients} browsers and opening their Socket.IO connections`);
  const clients: ClientRecord[] = [];
  const sockets: RealtimeSocket[] = [];
  const closeSockets = () => sockets.forEach((s) => s.disconnect());
  const unregisterSockets = ctx.onCleanup(closeSockets);
  await mapLimit(people, 4, async (person) => {
    // Through the lb, the sign-in's first answer sets its sticky cookie: the socket follows it.
    const cookie = await signIn(base, person.email, userPassword);
    const socket: RealtimeSocket = connectSocket(base, {
      path: SOCKET_PATH,
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    sockets.push(socket);
    const record: ClientRecord = {
      role: person.role,
      instance: readCookie(cookie, LB_COOKIE) ?? "1",
      updates: new Map(),
      ringing: [],
      managerUpdates: 0,
      disconnects: 0,
    };
    clients.push(record);
    const seen = (call: LiveCall) => {
      const at = wallMs();
      const list = record.updates.get(call.externalId);
      if (list) list.push(at);
      else record.updates.set(call.externalId, [at]);
    };
    // Managers get their own calls one by one; supervisors the tenant's calls in batches.
    socket.on("call:updated", seen);
    socket.on("calls:updated", (calls) => calls.forEach(seen));
    socket.on("call:ringing", ({ call }) =>
      record.ringing.push({ callId: call.externalId, at: wallMs() }),
    );
    socket.on("managers:updated", (statuses) => (record.managerUpdates += statuses.length));
    await new Promise<void>((resolve, reject) => {
      socket.once("realtime:ready", () => resolve());
      socket.once("connect_error", (error) =>
        reject(new BenchError(`Socket.IO connection for ${person.email} failed: ${error.message}`)),
      );
    });
    socket.on("disconnect", () => record.disconnects++);
  });

  return {
    cluster,
    clients,
    readStored: () => readPultStored(database.url, isCluster),
    async stop() {
      unregisterSockets();
      closeSockets();
      await cluster.stop();
      await database.drop();
    },
  };
}

async function readPultStored(url: string, isCluster: boolean): Promise<Stored> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    // The inbox row's received_at is the transaction's start (now()); processed_at is set once
    // the call row is upserted.
    const rows = await db.query<{
      notification_id: string;
      external_id: string | null;
      r: number;
      p: number | null;
      instance: string | null;
    }>(
      `SELECT e.notification_id, c.external_id,
              extract(epoch FROM e.received_at)::float8 * 1000 AS r,
              extract(epoch FROM e.processed_at)::float8 * 1000 AS p,
              ${isCluster ? "t.instance" : "NULL::text AS instance"}
         FROM call_events e LEFT JOIN calls c ON c.id = e.call_id
         ${isCluster ? "LEFT JOIN bench_event_instance t ON t.notification_id = e.notification_id" : ""}`,
    );
    const duplicates = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM (SELECT tenant_id, notification_id FROM call_events GROUP BY tenant_id, notification_id HAVING count(*) > 1) d",
    );
    const calls = await db.query<{ external_id: string; state: string }>(
      "SELECT external_id, state FROM calls",
    );
    const copies = new Map<string, number>();
    const events: StoredEvent[] = rows.rows.map((row) => {
      copies.set(row.notification_id, (copies.get(row.notification_id) ?? 0) + 1);
      return {
        id: row.notification_id,
        callId: row.external_id,
        receivedAtMs: row.r,
        processedAtMs: row.p,
        instance: row.instance?.startsWith(TAG_PREFIX)
          ? row.instance.slice(TAG_PREFIX.length)
          : row.instance,
      };
    });
    return {
      events,
      copies,
      duplicateGroups: Number(duplicates.rows[0]?.n ?? 0),
      callStates: new Map(calls.rows.map((r) => [r.external_id, r.state])),
    };
  } finally {
    await db.end();
  }
}
