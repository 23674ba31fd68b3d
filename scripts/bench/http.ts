// The HTTP suite: the production server on the embedded database and/or a fresh PostgreSQL
// database, signed in through next-auth like a browser; throughput and latency of the request
// paths every page depends on.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  BenchError,
  createBenchDatabase,
  percentile,
  startPult,
  type BenchContext,
  type SuiteReport,
} from "@/scripts/bench/common";
import { signIn } from "@/scripts/bench/session";

export type HttpOptions = {
  /** Seconds per scenario. */
  durationSec: number;
  connections: number;
  databases: Array<"embedded" | "postgres">;
  port: number;
};

type Row = {
  db: string;
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
};

async function load(
  db: string,
  scenario: string,
  run: () => Promise<boolean>,
  conc: number,
  ms: number,
): Promise<Row> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + ms;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (Date.now() < deadline) {
        const t0 = performance.now();
        const ok = await run().catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    db,
    scenario,
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
  };
}

async function benchOne(db: "embedded" | "postgres", opts: HttpOptions, ctx: BenchContext) {
  const admin = { email: "bench@pult.test", password: "bench-password-123" };
  const env: Record<string, string> = {};
  let dataDir: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (db === "embedded") {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-bench-"));
    const dir = dataDir;
    ctx.onCleanup(() => rm(dir, { recursive: true, force: true }));
    env.DATA_DIR = dataDir;
    env.DATABASE_URL = "";
  } else {
    ctx.phase("creating a PostgreSQL database and applying migrations");
    const database = await createBenchDatabase(ctx);
    dropDatabase = database.drop;
    env.DATABASE_URL = database.url;
    env.PULT_SECRET = randomBytes(32).toString("hex");
  }
  ctx.phase(`starting the production server (${db})`);
  const server = await startPult({ port: opts.port, env, admin }, ctx);
  try {
    const base = server.baseUrl;
    const cookie = await signIn(base, admin.email, admin.password);
    const get = (p: string) => async () =>
      await fetch(`${base}${p}`, { headers: { cookie } }).then(
        async (r) => (await r.arrayBuffer(), r.ok),
      );
    const ms = opts.durationSec * 1000;
    const c = opts.connections;
    const rows: Row[] = [];
    ctx.phase(`measuring (${db}): ${opts.durationSec} s per scenario, ${c} connections`);
    await load(db, "warm-up", get("/live"), 4, 2000);
    rows.push(await load(db, "GET /api/health", get("/api/health"), c, ms));
    rows.push(await load(db, "tRPC me.get (signed in)", get("/api/trpc/me.get"), c, ms));
    rows.push(await load(db, "tRPC users.list (admin)", get("/api/trpc/users.list"), c, ms));
    rows.push(await load(db, "GET /live (SSR, signed in)", get("/live"), c, ms));
    // Sign-in is deliberately expensive (scrypt, 32 MiB): measured with 2 connections.
    const signInOnce = async () => (await signIn(base, admin.email, admin.password), true);
    rows.push(await load(db, "sign-in (credentials)", signInOnce, 2, ms));
    return rows;
  } finally {
    await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}

export async function runHttpBench(opts: HttpOptions, ctx: BenchContext): Promise<SuiteReport> {
  if (opts.databases.length === 0) throw new BenchError("--db needs embedded and/or postgres");
  const rows: Row[] = [];
  for (const db of opts.databases) rows.push(...(await benchOne(db, opts, ctx)));
  return {
    tables: [
      {
        title: `HTTP: ${opts.connections} connections, ${opts.durationSec} s per scenario, ${os.cpus().length} cores, Node ${process.version}`,
        header: ["db", "scenario", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
        rows: rows.map((r) => [
          r.db,
          r.scenario,
          String(r.requests),
          r.rps.toFixed(0),
          r.p50.toFixed(1),
          r.p95.toFixed(1),
          r.p99.toFixed(1),
          String(r.errors),
        ]),
      },
    ],
    json: {
      connections: opts.connections,
      durationSec: opts.durationSec,
      scenarios: rows.map((r) => ({
        ...r,
        rps: Number(r.rps.toFixed(1)),
        p50: Number(r.p50.toFixed(2)),
        p95: Number(r.p95.toFixed(2)),
        p99: Number(r.p99.toFixed(2)),
      })),
    },
  };
}
