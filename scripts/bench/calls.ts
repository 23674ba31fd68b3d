// The live-call benchmark (issues 4 and 8): the production server on a fresh PostgreSQL database
// (one instance, or several behind scripts/lb.ts sharing Redis), the standalone PBX simulator
// connected through the real OAuth flow, M signed-in Socket.IO clients, and N generated calls per
// second. Measures what the PBX and the browsers experience, then runs the same traffic against
// the floor server (scripts/bench/floor-server.ts) and prints Pult as a ratio to it.
import { createConnection } from "node:net";
import { analyseRun } from "@/scripts/bench/calls-analysis";
import { startFloorTarget } from "@/scripts/bench/calls-floor";
import { startPultTarget, type SignInMethod, type Target } from "@/scripts/bench/calls-pult";
import { buildCallsReport, type CallsMeta, type RunInfo } from "@/scripts/bench/calls-report";
import {
  runTraffic,
  startBenchSimulator,
  type BenchSimulator,
} from "@/scripts/bench/calls-traffic";
import { BenchError, type BenchContext, type SuiteReport } from "@/scripts/bench/common";
import { startPostgresCpuMeter } from "@/scripts/bench/proc";
import {
  dbWorkBetween,
  readDbCounters,
  readSettledDbCounters,
  type DbWork,
} from "@/scripts/bench/db-work";

export type CallsOptions = {
  /** Generated calls per second. */
  rate: number;
  /** Seconds of traffic. */
  durationSec: number;
  /** Connected Socket.IO clients (browsers), each a signed-in user. */
  clients: number;
  /** How many of the clients are supervisors (see the whole tenant); the rest are managers. */
  supervisors: number;
  /** The public port (the server's, or the load balancer's with several instances). */
  port: number;
  /** Server processes; more than one run behind scripts/lb.ts and share Redis. */
  instances: number;
  /** Also run the floor server under the same traffic and print the ratio. */
  floor: boolean;
  /** How the clients' users sign in to Pult. */
  signIn: SignInMethod;
};

const redisUrl = () => process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function checkRedis(): Promise<void> {
  const url = new URL(redisUrl());
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = createConnection(Number(url.port || 6379), url.hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000);
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
  if (!reachable) {
    throw new BenchError(
      `Redis is not reachable at ${url.host}: several instances share it for realtime fan-out. Start Redis, or set TEST_REDIS_URL.`,
    );
  }
}

async function measure(
  target: Target,
  sim: BenchSimulator,
  opts: CallsOptions,
  ctx: BenchContext,
): Promise<RunInfo> {
  const count = target.cluster.instances.length;
  const peaks = new Array<number>(count).fill(0);
  let totalPeak = 0;
  let total = 0;
  const sample = async () => {
    const rss = await target.cluster.rss();
    total = 0;
    rss.forEach((mb, i) => {
      peaks[i] = Math.max(peaks[i] ?? 0, mb ?? 0);
      total += mb ?? 0;
    });
    totalPeak = Math.max(totalPeak, total);
  };
  await sample();
  const before = total;
  const cpuBefore = await target.cluster.cpuSeconds();
  const pgCpu = await startPostgresCpuMeter(target.databaseName);
  const dbBefore = await readDbCounters(target.databaseName);
  const bytesBefore = receivedBytes(target);
  const traffic = await runTraffic(
    sim,
    { rate: opts.rate, durationSec: opts.durationSec },
    {
      sample: async () => {
        await Promise.all([sample(), pgCpu.sample()]);
      },
      status: () => `server RSS ${total.toFixed(0)} MB`,
    },
    ctx,
  );
  const cpuUsed = (await target.cluster.cpuSeconds()) - cpuBefore;
  await pgCpu.sample();
  const pgCpuUsed = pgCpu.usedSeconds();
  const bytesPushed = bytesSince(bytesBefore, receivedBytes(target));
  const trafficEndedAt = Date.now();
  ctx.phase("checking the database for every acknowledged notification");
  const stored = await target.readStored();
  const metrics = analyseRun({
    traffic,
    stored,
    clients: target.clients,
    durationSec: opts.durationSec,
  });
  const dbAfter = dbBefore
    ? await readSettledDbCounters(target.databaseName, trafficEndedAt)
    : null;
  const db = dbBefore && dbAfter ? dbWorkBetween(dbBefore, dbAfter) : null;
  const mb = (n: number) => Math.round(n);
  const perNotification = (seconds: number | null) =>
    seconds !== null && stored.events.length > 0
      ? Number(((seconds * 1000) / stored.events.length).toFixed(2))
      : null;
  return {
    metrics,
    instances: count,
    rssPeakMb: peaks.map(mb),
    rssTotalPeakMb: mb(totalPeak),
    rssBeforeMb: mb(before),
    rssEndMb: mb(total),
    cpuMsPerNotification: perNotification(cpuUsed),
    pgCpuMsPerNotification: perNotification(pgCpuUsed),
    ...perStored(stored.events.length, db, bytesPushed),
  };
}

/** Bytes all clients received so far, by event name. */
function receivedBytes(target: Target): Map<string, number> {
  const sum = new Map<string, number>();
  for (const client of target.clients)
    for (const [name, bytes] of client.bytesByEvent) sum.set(name, (sum.get(name) ?? 0) + bytes);
  return sum;
}

const bytesSince = (before: Map<string, number>, after: Map<string, number>) =>
  new Map([...after].map(([name, bytes]) => [name, bytes - (before.get(name) ?? 0)]));

/** PostgreSQL's work and the bytes pushed to browsers, per stored notification. */
function perStored(stored: number, db: DbWork | null, bytesPushed: Map<string, number>) {
  const per = (n: number, digits: number) =>
    stored > 0 ? Number((n / stored).toFixed(digits)) : null;
  const byEvent = [...bytesPushed]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => [name, per(bytes, 0) ?? 0] as const);
  return {
    dbTransactionsPerNotification: db ? per(db.transactions, 2) : null,
    dbRowsWrittenPerNotification: db ? per(db.rowsWritten, 2) : null,
    // Tables with less than 0.005 rows per notification (sign-ins, settings) are left out.
    dbRowsWrittenByTable: Object.fromEntries(
      [...(db?.writesByTable ?? [])]
        .map(([table, n]) => [table, per(n, 2) ?? 0] as const)
        .filter(([, n]) => n > 0),
    ),
    pushedBytesPerNotification: per(
      [...bytesPushed.values()].reduce((a, b) => a + b, 0),
      0,
    ),
    pushedBytesByEvent: Object.fromEntries(byEvent),
  };
}

/** One rate: Pult, then (unless --no-floor) the floor server under the same traffic. */
export async function runCallsOnce(
  opts: CallsOptions,
  ctx: BenchContext,
): Promise<{ meta: CallsMeta; pult: RunInfo; floor: RunInfo | null }> {
  if (opts.supervisors < 1 || opts.supervisors > opts.clients) {
    throw new BenchError("--supervisors must be between 1 and --clients");
  }
  if (opts.instances > 1) await checkRedis();
  const managers = opts.clients - opts.supervisors;
  // Enough lines that most calls find their workplace free (each call holds one for ~2 s), and
  // one for every manager: the structure grows with the client count.
  const workplaces = Math.max(managers, Math.ceil(opts.rate * 4), 8);
  const common = {
    instances: opts.instances,
    port: opts.port,
    clients: opts.clients,
    supervisors: opts.supervisors,
    workplaces,
    redisUrl: redisUrl(),
  };

  const sim = await startBenchSimulator({ workplaces }, ctx);
  const pultTarget = await startPultTarget({ ...common, sim, signIn: opts.signIn }, ctx);
  const pult = await measure(pultTarget, sim, opts, ctx);
  await pultTarget.stop();
  await sim.handle.stop();

  let floor: RunInfo | null = null;
  if (opts.floor) {
    ctx.phase("the same traffic against the floor server (--no-floor skips this)");
    const floorTarget = await startFloorTarget(common, ctx);
    floor = await measure(floorTarget.target, floorTarget.sim, opts, ctx);
    await floorTarget.target.stop();
  }
  const meta: CallsMeta = {
    rate: opts.rate,
    durationSec: opts.durationSec,
    clients: opts.clients,
    supervisors: opts.supervisors,
    managers,
    workplaces,
    signIn: opts.signIn,
  };
  return { meta, pult, floor };
}

export async function runCallsBench(opts: CallsOptions, ctx: BenchContext): Promise<SuiteReport> {
  const { meta, pult, floor } = await runCallsOnce(opts, ctx);
  return buildCallsReport(meta, pult, floor);
}
