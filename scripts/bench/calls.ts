// The live-call benchmark (issue 4): the production server on a fresh PostgreSQL database, the
// standalone PBX simulator connected through the real OAuth flow, M signed-in Socket.IO clients,
// and N generated calls per second. Measures what the PBX and the browsers experience.
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { io as connectSocket, type Socket } from "socket.io-client";
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "../../lib/realtime/events";
import {
  BenchError,
  createBenchDatabase,
  freePort,
  mapLimit,
  percentile,
  readRssMb,
  connectToSimulator,
  signIn,
  sleep,
  startNodeProcess,
  startPult,
  trpc,
  waitForHttp,
  wallMs,
  type BenchContext,
  type SuiteReport,
} from "./common";

export type CallsOptions = {
  /** Generated calls per second. */
  rate: number;
  /** Seconds of traffic. */
  durationSec: number;
  /** Connected Socket.IO clients (browsers), each a signed-in user. */
  clients: number;
  /** How many of the clients are supervisors (see the whole tenant); the rest are managers. */
  supervisors: number;
  port: number;
};

type Delivery = {
  seq: number;
  id: string;
  type: string;
  callId: string | null;
  sentAtMs: number;
  ackedAtMs: number | null;
  attempts: number;
  status: number | null;
};

type SimStats = {
  notifications: { emitted: number; pending: number; lastSeq: number };
  traffic: { activeCalls: number; generatedCalls: number };
};

type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type ClientRecord = {
  role: "SUPERVISOR" | "MANAGER";
  socket: RealtimeSocket;
  /** call:updated arrival times (wall ms) per PBX call id. */
  updates: Map<string, number[]>;
  ringing: Array<{ callId: string; at: number }>;
  managerUpdates: number;
};

// Short rings and talks keep the number of simultaneous calls (and busy workplaces) moderate.
const TRAFFIC = { answerRatio: 0.9, meanTalkSec: 1, meanRingSec: 0.3, seed: "bench" };
const RING_TIMEOUT_MS = 3000;
const RECORDING_DELAY_MS = 1500; // the simulator's default: recordingReady after the call ends

async function simJson<T>(simUrl: string, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${simUrl}${path}`, {
    ...init,
    headers: { "content-type": "application/json" },
  });
  if (!res.ok) throw new BenchError(`simulator ${path} answered HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Workplaces 0001… (the first ones are linked to the signed-in managers); one number each. */
function benchStructure(workplaces: number) {
  const pad = (i: number) => String(i + 1).padStart(4, "0");
  const ws = Array.from({ length: workplaces }, (_, i) => ({
    id: `bench-wp-${pad(i)}`,
    name: `Bench workplace ${pad(i)}`,
    extension: String(1000 + i),
    distribution: "serial" as const,
    terminals: [
      {
        id: `bench-wp-${pad(i)}-sip`,
        kind: "sip" as const,
        label: "SIP",
        address: `sip:${1000 + i}@bench.pult.test`,
      },
    ],
  }));
  // Each number rings its own workplace, then the next one when that is busy or does not answer.
  const numbers = ws.map((w, i) => ({
    number: `+7495${String(3_000_000 + i).padStart(7, "0")}`,
    kind: "city" as const,
    label: `Bench line ${pad(i)}`,
    parking: false,
    workplaceIds: [w.id, ws[(i + 1) % ws.length]?.id ?? w.id],
  }));
  return { workplaces: ws, numbers };
}

export async function runCallsBench(opts: CallsOptions, ctx: BenchContext): Promise<SuiteReport> {
  if (opts.supervisors < 1 || opts.supervisors > opts.clients) {
    throw new BenchError("--supervisors must be between 1 and --clients");
  }
  const managers = opts.clients - opts.supervisors;
  // Enough lines that most calls find their workplace free (each call holds one for ~2 s).
  const workplaceCount = Math.max(managers, Math.ceil(opts.rate * 4), 8);
  const admin = {
    email: "bench-admin@pult.test",
    password: `bench-${randomBytes(9).toString("hex")}`,
  };
  const userPassword = `bench-${randomBytes(9).toString("hex")}`;

  ctx.phase("creating a PostgreSQL database and applying migrations");
  const database = await createBenchDatabase(ctx);
  ctx.phase(`database ${database.name} ready`);

  const simPort = await freePort();
  const simUrl = `http://localhost:${simPort}`;
  const simCredentials = {
    clientId: "pult-bench",
    clientSecret: randomBytes(16).toString("hex"),
    login: "bench",
    password: randomBytes(12).toString("hex"),
  };
  ctx.phase(`starting the PBX simulator on port ${simPort}`);
  const simulator = startNodeProcess(
    "server/pbx-simulator/cli.ts",
    {
      SIMULATOR_PORT: String(simPort),
      SIMULATOR_HOST: "127.0.0.1",
      SIMULATOR_PUBLIC_URL: simUrl,
      SIMULATOR_CLIENT_ID: simCredentials.clientId,
      SIMULATOR_CLIENT_SECRET: simCredentials.clientSecret,
      SIMULATOR_LOGIN: simCredentials.login,
      SIMULATOR_PASSWORD: simCredentials.password,
      SIMULATOR_REDIRECT_URI: "",
      SIMULATOR_SEED: "1",
      SIMULATOR_RING_TIMEOUT_MS: String(RING_TIMEOUT_MS),
      LOG_LEVEL: "warn",
    },
    ctx,
  );
  await waitForHttp(`${simUrl}/control/stats`, simulator, "the PBX simulator");
  await simJson(simUrl, "/control/structure", {
    method: "PUT",
    body: JSON.stringify(benchStructure(workplaceCount)),
  });

  ctx.phase(`starting the production server on port ${opts.port}`);
  const server = await startPult(
    {
      port: opts.port,
      admin,
      env: { DATABASE_URL: database.url, PULT_SECRET: randomBytes(32).toString("hex") },
    },
    ctx,
  );
  const base = server.baseUrl;

  const adminCookie = await signIn(base, admin.email, admin.password);
  await connectToSimulator(
    {
      baseUrl: base,
      cookie: adminCookie,
      simUrl,
      credentials: simCredentials,
      workplaces: workplaceCount,
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
  const structure = benchStructure(workplaceCount);
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
  const closeSockets = () => clients.forEach((c) => c.socket.disconnect());
  const unregisterSockets = ctx.onCleanup(closeSockets);
  await mapLimit(people, 4, async (person) => {
    const cookie = await signIn(base, person.email, userPassword);
    const socket: RealtimeSocket = connectSocket(base, {
      path: SOCKET_PATH,
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    const record: ClientRecord = {
      role: person.role,
      socket,
      updates: new Map(),
      ringing: [],
      managerUpdates: 0,
    };
    clients.push(record);
    socket.on("call:updated", (call) => {
      const at = wallMs();
      const list = record.updates.get(call.externalId);
      if (list) list.push(at);
      else record.updates.set(call.externalId, [at]);
    });
    socket.on("call:ringing", ({ call }) =>
      record.ringing.push({ callId: call.externalId, at: wallMs() }),
    );
    socket.on("manager:updated", () => record.managerUpdates++);
    await new Promise<void>((resolve, reject) => {
      socket.once("realtime:ready", () => resolve());
      socket.once("connect_error", (error) =>
        reject(new BenchError(`Socket.IO connection for ${person.email} failed: ${error.message}`)),
      );
    });
  });
  let disconnects = 0;
  for (const client of clients) client.socket.on("disconnect", () => disconnects++);

  // Everything before the traffic (settingsChanged during the connect) is not measured.
  const deliveries: Delivery[] = [];
  let lastSeq = (await simJson<SimStats>(simUrl, "/control/stats")).notifications.lastSeq;
  const firstSeq = lastSeq;
  const pollDeliveries = async () => {
    for (;;) {
      const page = await simJson<{ deliveries: Delivery[]; lastSeq: number }>(
        simUrl,
        `/control/deliveries?after=${lastSeq}&limit=50000`,
      );
      for (const d of page.deliveries) deliveries.push(d);
      const last = page.deliveries.at(-1);
      if (!last) return;
      lastSeq = last.seq;
    }
  };

  const rss: number[] = [];
  const sampleRss = async () => {
    const mb = await readRssMb(server.pid);
    if (mb !== null) rss.push(mb);
  };
  await sampleRss();
  const rssBefore = rss.at(-1) ?? null;

  const loadBefore = os.loadavg().map((n) => Number(n.toFixed(1)));
  ctx.phase(
    `driving ${opts.rate} calls/s for ${opts.durationSec} s (${opts.clients} clients connected)`,
  );
  const trafficStart = wallMs();
  await simJson(simUrl, "/control/traffic", {
    method: "POST",
    body: JSON.stringify({ ...TRAFFIC, callsPerMinute: opts.rate * 60 }),
  });
  const sampler = setInterval(() => void sampleRss(), 500);
  const trafficStopsAt = trafficStart + opts.durationSec * 1000;
  let nextReport = trafficStart + 5000;
  while (wallMs() < trafficStopsAt) {
    await sleep(Math.min(1000, Math.max(0, trafficStopsAt - wallMs())));
    await pollDeliveries();
    if (wallMs() >= nextReport) {
      nextReport += 5000;
      const elapsed = (wallMs() - trafficStart) / 1000;
      const recent = deliveries.filter(
        (d) => d.ackedAtMs !== null && d.ackedAtMs > wallMs() - 5000,
      );
      const stats = await simJson<SimStats>(simUrl, "/control/stats");
      ctx.phase(
        `  ${elapsed.toFixed(0)} s: ${(recent.length / 5).toFixed(0)} notifications/s acknowledged, ${stats.notifications.pending} in flight, ${stats.traffic.activeCalls} calls active, server RSS ${(rss.at(-1) ?? 0).toFixed(0)} MB`,
      );
    }
  }
  const trafficStop = wallMs();
  // Same settings with rate 0: calls in progress keep their short rings and talks.
  await simJson(simUrl, "/control/traffic", {
    method: "POST",
    body: JSON.stringify({ ...TRAFFIC, callsPerMinute: 0 }),
  });

  ctx.phase(
    "traffic stopped; waiting for calls in progress to end and every notification to settle",
  );
  const drainDeadline = Date.now() + 180_000;
  let quietSince: number | null = null;
  for (;;) {
    const stats = await simJson<SimStats>(simUrl, "/control/stats");
    const isQuiet = stats.traffic.activeCalls === 0 && stats.notifications.pending === 0;
    quietSince = isQuiet ? (quietSince ?? Date.now()) : null;
    // recordingReady follows a call's end by RECORDING_DELAY_MS: stay quiet past that.
    if (quietSince !== null && Date.now() - quietSince > RECORDING_DELAY_MS + 1000) break;
    if (Date.now() > drainDeadline) {
      ctx.phase(
        `  giving up waiting: ${stats.traffic.activeCalls} calls active, ${stats.notifications.pending} notifications pending`,
      );
      break;
    }
    await pollDeliveries();
    await sleep(500);
  }
  await pollDeliveries();
  await sleep(1000); // the last pushes are on the wire
  clearInterval(sampler);
  await sampleRss();
  const rssEnd = rss.at(-1) ?? null;
  const finalStats = await simJson<SimStats>(simUrl, "/control/stats");

  ctx.phase("checking the database for every acknowledged notification");
  const acked = deliveries.filter((d) => d.ackedAtMs !== null);
  const failed = deliveries.length - acked.length;
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const eventRows = await db.query<{ notification_id: string; n: string }>(
    "SELECT notification_id, count(*) AS n FROM call_events GROUP BY notification_id",
  );
  // Where the time goes, without touching the server: the inbox row's received_at is the
  // transaction's start (now()), processed_at is set once the call row is upserted.
  const stampRows = await db.query<{
    notification_id: string;
    external_id: string | null;
    r: number;
    p: number | null;
  }>(
    `SELECT e.notification_id, c.external_id,
            extract(epoch FROM e.received_at)::float8 * 1000 AS r,
            extract(epoch FROM e.processed_at)::float8 * 1000 AS p
       FROM call_events e LEFT JOIN calls c ON c.id = e.call_id`,
  );
  const duplicateRows = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM (SELECT tenant_id, notification_id FROM call_events GROUP BY tenant_id, notification_id HAVING count(*) > 1) d",
  );
  const callRows = await db.query<{ external_id: string; state: string }>(
    "SELECT external_id, state FROM calls",
  );
  await db.end();
  const eventsById = new Map(eventRows.rows.map((r) => [r.notification_id, Number(r.n)]));
  let missingEvents = 0;
  let duplicateEvents = 0;
  for (const d of acked) {
    const n = eventsById.get(d.id) ?? 0;
    if (n === 0) missingEvents++;
    if (n > 1) duplicateEvents += n - 1;
  }
  const duplicateGroups = Number(duplicateRows.rows[0]?.n ?? 0);
  const stamps = new Map(stampRows.rows.map((r) => [r.notification_id, r]));
  const beforeTx: number[] = [];
  const inTx: number[] = [];
  const afterApply: number[] = [];
  for (const d of acked) {
    const stamp = stamps.get(d.id);
    // Only first-attempt deliveries: a retry's clock starts before the earlier attempt's timeout.
    if (!stamp || stamp.p === null || d.attempts !== 1 || d.ackedAtMs === null) continue;
    beforeTx.push(stamp.r - d.sentAtMs);
    inTx.push(stamp.p - stamp.r);
    afterApply.push(d.ackedAtMs - stamp.p);
  }
  for (const list of [beforeTx, inTx, afterApply]) list.sort((a, b) => a - b);
  const stage = (list: number[]) => ({
    p50: Number(percentile(list, 50).toFixed(1)),
    p95: Number(percentile(list, 95).toFixed(1)),
  });
  const trafficCallIds = new Set(deliveries.flatMap((d) => (d.callId ? [d.callId] : [])));
  const callState = new Map(callRows.rows.map((r) => [r.external_id, r.state]));
  let callsMissing = 0;
  let callsNotEnded = 0;
  for (const id of trafficCallIds) {
    const state = callState.get(id);
    if (state === undefined) callsMissing++;
    else if (state !== "ENDED") callsNotEnded++;
  }

  // Pushes: every notification Pult stored changed its call, and each change reaches every
  // supervisor as one call:updated. Pair them per call in processing order. (Stored, not
  // acknowledged: an event committed whose 2xx the simulator missed was still published.)
  const sentAt = new Map(deliveries.map((d) => [d.id, d.sentAtMs]));
  const ackedIds = new Set(acked.map((d) => d.id));
  const storedByCall = new Map<string, Array<{ id: string; p: number }>>();
  for (const row of stampRows.rows) {
    if (!row.external_id || row.p === null) continue;
    const list = storedByCall.get(row.external_id);
    const item = { id: row.notification_id, p: row.p };
    if (list) list.push(item);
    else storedByCall.set(row.external_id, [item]);
  }
  for (const list of storedByCall.values()) list.sort((a, b) => a.p - b.p);
  const pushLatencies: number[] = [];
  let lostPushes = 0;
  let duplicatePushes = 0;
  const supervisors = clients.filter((c) => c.role === "SUPERVISOR");
  for (const client of supervisors) {
    for (const [callId, expected] of storedByCall) {
      const got = client.updates.get(callId) ?? [];
      const pairs = Math.min(expected.length, got.length);
      for (let i = 0; i < pairs; i++) {
        const sent = sentAt.get(expected[i]?.id ?? "");
        // Notifications still unsettled at the end have no known send time: counted, not timed.
        if (sent !== undefined) pushLatencies.push((got[i] ?? 0) - sent);
      }
      // Pult publishes before it answers, so an acknowledged event must have reached every
      // supervisor; one stored but still unacknowledged at the end may be on its way.
      const settled = expected.filter((e) => ackedIds.has(e.id)).length;
      lostPushes += Math.max(0, settled - got.length);
      duplicatePushes += Math.max(0, got.length - expected.length);
    }
    for (const [callId, got] of client.updates) {
      if (!storedByCall.has(callId)) duplicatePushes += got.length;
    }
  }
  // Screen pop: call:ringing at the manager, from the callDelivered that rang their workplace.
  const deliveredByCall = new Map<string, number[]>();
  for (const d of acked) {
    if (d.callId && (d.type === "callDelivered" || d.type === "callRedirected")) {
      const list = deliveredByCall.get(d.callId);
      if (list) list.push(d.sentAtMs);
      else deliveredByCall.set(d.callId, [d.sentAtMs]);
    }
  }
  const popLatencies: number[] = [];
  let managerUpdates = 0;
  let managerCallUpdates = 0;
  for (const client of clients.filter((c) => c.role === "MANAGER")) {
    managerUpdates += client.managerUpdates;
    for (const got of client.updates.values()) managerCallUpdates += got.length;
    for (const ring of client.ringing) {
      const sent = (deliveredByCall.get(ring.callId) ?? []).filter((t) => t <= ring.at);
      if (sent.length > 0) popLatencies.push(ring.at - Math.max(...sent));
    }
  }

  // Throughput over the steady window: after a short warm-up, until the traffic stopped.
  const warmupMs = Math.min(3000, (opts.durationSec * 1000) / 4);
  const windowStart = trafficStart + warmupMs;
  const windowSec = (trafficStop - windowStart) / 1000;
  const ackedInWindow = acked.filter(
    (d) => (d.ackedAtMs ?? 0) >= windowStart && (d.ackedAtMs ?? 0) < trafficStop,
  ).length;
  const sentInWindow = deliveries.filter(
    (d) => d.sentAtMs >= windowStart && d.sentAtMs < trafficStop,
  ).length;
  const ackLatencies = acked.map((d) => (d.ackedAtMs ?? 0) - d.sentAtMs).sort((a, b) => a - b);
  pushLatencies.sort((a, b) => a - b);
  popLatencies.sort((a, b) => a - b);
  const retried = deliveries.filter((d) => d.attempts > 1).length;
  const byType = new Map<string, number>();
  for (const d of deliveries) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);

  const lost = missingEvents + lostPushes;
  const duplicated = duplicateEvents + duplicateGroups + duplicatePushes;
  const peakRss = rss.length > 0 ? Math.max(...rss) : null;
  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  const json = {
    notificationsPerSec: round(ackedInWindow / windowSec),
    offeredNotificationsPerSec: round(sentInWindow / windowSec),
    ackP50Ms: round(percentile(ackLatencies, 50)),
    ackP95Ms: round(percentile(ackLatencies, 95)),
    ackP99Ms: round(percentile(ackLatencies, 99)),
    pushP50Ms: round(percentile(pushLatencies, 50)),
    pushP95Ms: round(percentile(pushLatencies, 95)),
    pushP99Ms: round(percentile(pushLatencies, 99)),
    screenPopP50Ms: round(percentile(popLatencies, 50)),
    screenPopP99Ms: round(percentile(popLatencies, 99)),
    lost,
    duplicated,
    rssMb: round(peakRss ?? 0, 0),
    rssEndMb: round(rssEnd ?? 0, 0),
    rssBeforeMb: round(rssBefore ?? 0, 0),
    detail: {
      callsPerSec: opts.rate,
      durationSec: opts.durationSec,
      clients: opts.clients,
      supervisors: opts.supervisors,
      managers,
      workplaces: workplaceCount,
      steadyWindowSec: round(windowSec, 2),
      callsGenerated: finalStats.traffic.generatedCalls,
      notificationsSent: deliveries.length,
      notificationsByType: Object.fromEntries(byType),
      acknowledged: acked.length,
      failedDeliveries: failed,
      retriedDeliveries: retried,
      missingCallEvents: missingEvents,
      duplicateCallEvents: duplicateEvents + duplicateGroups,
      lostSupervisorPushes: lostPushes,
      duplicateSupervisorPushes: duplicatePushes,
      supervisorPushesMeasured: pushLatencies.length,
      screenPops: popLatencies.length,
      managerCallUpdates,
      managerStatusUpdates: managerUpdates,
      callsMissingInDb: callsMissing,
      callsNotEndedInDb: callsNotEnded,
      socketDisconnects: disconnects,
      pendingAtEnd: finalStats.notifications.pending,
      deliveriesSkippedBeforeTraffic: firstSeq,
      // Ack latency split (first-attempt deliveries only), from the database's own timestamps.
      ackBreakdownMs: {
        sentToTransactionStart: stage(beforeTx),
        insertAndUpsertCall: stage(inTx),
        foldUpdateCommitPublishReply: stage(afterApply),
        deliveries: beforeTx.length,
      },
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg().map((n) => Number(n.toFixed(1))),
      cores: os.cpus().length,
      node: process.version,
    },
  };

  unregisterSockets();
  closeSockets();
  await server.stop();
  await simulator.stop();
  await database.drop();

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows: string[][] = [
    [
      "calls/s offered × duration",
      `${opts.rate} × ${opts.durationSec} s (${finalStats.traffic.generatedCalls} calls)`,
    ],
    [
      "Socket.IO clients",
      `${opts.clients} (${opts.supervisors} supervisors, ${managers} managers)`,
    ],
    [
      "notifications/s sustained",
      `${json.notificationsPerSec} (offered ${json.offeredNotificationsPerSec})`,
    ],
    [
      "ack latency p50 / p95 / p99",
      `${ms(json.ackP50Ms)} / ${ms(json.ackP95Ms)} / ${ms(json.ackP99Ms)}`,
    ],
    [
      "notification→browser p50 / p95 / p99",
      `${ms(json.pushP50Ms)} / ${ms(json.pushP95Ms)} / ${ms(json.pushP99Ms)}`,
    ],
    ["screen pop p50 / p99", `${ms(json.screenPopP50Ms)} / ${ms(json.screenPopP99Ms)}`],
    ["lost (missing events + pushes)", `${lost} (${missingEvents} + ${lostPushes})`],
    [
      "duplicated (events + pushes)",
      `${duplicated} (${duplicateEvents + duplicateGroups} + ${duplicatePushes})`,
    ],
    [
      "failed / retried / unsettled deliveries",
      `${failed} / ${retried} / ${finalStats.notifications.pending}`,
    ],
    ["calls not ENDED in the database", String(callsNotEnded + callsMissing)],
    [
      "ack split p50: →tx start / insert+upsert / rest",
      `${ms(json.detail.ackBreakdownMs.sentToTransactionStart.p50)} / ${ms(json.detail.ackBreakdownMs.insertAndUpsertCall.p50)} / ${ms(json.detail.ackBreakdownMs.foldUpdateCommitPublishReply.p50)}`,
    ],
    [
      "load average (1 min) before / after",
      `${loadBefore[0]} / ${json.detail.loadAverageAfter[0]}`,
    ],
    ["server RSS before / peak / end", `${json.rssBeforeMb} / ${json.rssMb} / ${json.rssEndMb} MB`],
  ];
  return {
    tables: [
      {
        title: `Live calls: ${deliveries.length} notifications, ${pushLatencies.length} supervisor pushes measured, ${os.cpus().length} cores, Node ${process.version}`,
        header: ["metric", "value"],
        rows,
      },
    ],
    json,
  };
}
