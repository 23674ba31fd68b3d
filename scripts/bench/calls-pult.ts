// Pult under the live-calls bench: a fresh PostgreSQL database, N production servers (behind
// scripts/lb.ts when N > 1, sharing Redis), connected to the simulator through the real OAuth flow,
// and M signed-in Socket.IO clients spread over the instances by the lb's sticky cookie.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@/lib/realtime/events";
import type { Stored } from "@/scripts/bench/calls-analysis";
import {
  countBytes,
  newClientRecord,
  pushedCallId,
  pushedCallSchema,
  recordPush,
  type ClientRecord,
  type StoredEvent,
} from "@/scripts/bench/calls-matching";
import { benchStructure, type BenchSimulator } from "@/scripts/bench/calls-traffic";
import { signInWithSso, startBenchIdp } from "@/scripts/bench/sso";
import {
  LB_COOKIE,
  publicUrlFor,
  startCluster,
  taggedDatabaseUrl,
  type Cluster,
} from "@/scripts/bench/cluster";
import {
  BenchError,
  createBenchDatabase,
  mapLimit,
  startPult,
  wallMs,
  type BenchContext,
} from "@/scripts/bench/common";
import { connectToSimulator, readCookie, signIn, trpc } from "@/scripts/bench/session";

export type Target = {
  cluster: Cluster;
  /** The run's own database: its backends' CPU time is PostgreSQL's cost of the run. */
  databaseName: string;
  clients: ClientRecord[];
  readStored(): Promise<Stored>;
  stop(): Promise<void>;
};

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// Which instance stored each notification: every instance connects with its own
// application_name, and this trigger (in the bench's throwaway database only) records it. Its
// insert per notification is in PostgreSQL's CPU figure with several instances.
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
// People set up at once: the server's event loop serves some while others wait on the database,
// the IdP or (with passwords) scrypt on the thread pool.
const SIGN_UP_CONCURRENCY = 8;

/** How the bench's people sign in: SSO through scripts/bench/oidc-idp.ts, or passwords. */
export type SignInMethod = "sso" | "password";

// Row id → PBX call id, from full pushes: a supervisors' patch names its call by row id only.
const callNames = new Map<string, string>();

/** A signed-in browser's Socket.IO connection, recording what it receives; resolves when ready. */
async function openBoard(
  base: string,
  cookie: string,
  email: string,
  record: ClientRecord,
): Promise<RealtimeSocket> {
  const socket: RealtimeSocket = connectSocket(base, {
    path: SOCKET_PATH,
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
  });
  const seen = (value: unknown, at: number) => {
    const call = pushedCallSchema.safeParse(value);
    const callId = call.success ? pushedCallId(call.data, callNames) : null;
    if (call.success && callId) recordPush(record, callId, call.data.eventIds, at);
  };
  // Managers get their own calls one by one; supervisors the tenant's calls in batches.
  socket.on("call:updated", (call) => seen(call, wallMs()));
  socket.on("calls:updated", (calls) => {
    const at = wallMs();
    for (const call of calls) seen(call, at);
  });
  socket.on("call:ringing", ({ call }) => {
    const at = wallMs();
    const parsed = pushedCallSchema.safeParse(call);
    const callId = parsed.success ? pushedCallId(parsed.data, callNames) : null;
    if (parsed.success && callId)
      record.ringing.push({
        callId,
        at,
        eventIds: parsed.data.eventIds ?? null,
      });
  });
  socket.on("managers:updated", (statuses) => (record.managerUpdates += statuses.length));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("realtime:ready", () => resolve());
      socket.once("connect_error", (error) =>
        reject(new BenchError(`Socket.IO connection for ${email} failed: ${error.message}`)),
      );
    });
  } catch (error) {
    socket.disconnect();
    throw error;
  }
  socket.on("disconnect", () => record.disconnects++);
  countBytes(socket, record);
  return socket;
}

export async function startPultTarget(
  opts: {
    instances: number;
    port: number;
    clients: number;
    supervisors: number;
    workplaces: number;
    sim: BenchSimulator;
    redisUrl: string;
    signIn: SignInMethod;
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
  const idp = opts.signIn === "sso" ? await startBenchIdp(publicUrlFor(opts.port), ctx) : null;

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
              ...idp?.env,
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
    `creating ${opts.supervisors} supervisors and ${managers} managers linked to workplaces, signing them in and opening their Socket.IO connections`,
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
  // Each person as in the product: the admin invites them and links their workplace; they sign
  // in (through SSO, which activates the invited account; or by accepting the invite with a
  // password, then signing in with it) and open the board.
  const clients: ClientRecord[] = [];
  const sockets: RealtimeSocket[] = [];
  const closeSockets = () => sockets.forEach((s) => s.disconnect());
  const unregisterSockets = ctx.onCleanup(closeSockets);
  const startedAt = Date.now();
  let ready = 0;
  const progress = setInterval(
    () => ctx.phase(`  ${ready} of ${opts.clients} signed in with an open socket`),
    10_000,
  );
  try {
    await mapLimit(people, SIGN_UP_CONCURRENCY, async (person) => {
      const invite = await trpc<{ userId: string; inviteUrl: string }>(
        base,
        adminCookie,
        "users.invite",
        { email: person.email, name: person.name, role: person.role },
      );
      if (!idp) {
        const token = invite.inviteUrl.split("/").at(-1) ?? "";
        await trpc(base, "", "invites.accept", {
          token,
          name: person.name,
          password: userPassword,
        });
      }
      if (person.workplaceExternalId) {
        const workplaceId = workplaceIdByExternal.get(person.workplaceExternalId);
        if (!workplaceId)
          throw new BenchError(`workplace ${person.workplaceExternalId} not synced`);
        await trpc(base, adminCookie, "users.linkWorkplace", {
          userId: invite.userId,
          workplaceId,
        });
      }
      // Through the lb, the sign-in's first answer sets its sticky cookie: the socket follows it.
      const cookie = idp
        ? await signInWithSso(base, person.email)
        : await signIn(base, person.email, userPassword);
      const record = newClientRecord(person.role, readCookie(cookie, LB_COOKIE) ?? "1");
      clients.push(record);
      sockets.push(await openBoard(base, cookie, person.email, record));
      ready++;
    });
  } finally {
    clearInterval(progress);
  }
  ctx.phase(
    `${opts.clients} people invited, signed in and connected in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
  );

  return {
    cluster,
    databaseName: database.name,
    clients,
    readStored: () => readPultStored(database.url, isCluster),
    async stop() {
      unregisterSockets();
      closeSockets();
      await cluster.stop();
      await idp?.stop();
      await database.drop();
    },
  };
}

/** What the server stored: every inbox row with its call and timestamps, duplicates, call states. */
export async function readPultStored(url: string, isCluster: boolean): Promise<Stored> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    // The inbox row carries the PBX's call id from the start (the call row comes later, from the
    // fold); rows stored before that column existed find their call through the call row.
    const callIdSql = "COALESCE(e.call_external_id, c.external_id)";
    const rows = await db.query<{
      notification_id: string;
      external_id: string | null;
      r: number;
      p: number | null;
      instance: string | null;
    }>(
      `SELECT e.notification_id, ${callIdSql} AS external_id,
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
