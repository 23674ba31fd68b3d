// npm run bench [-- --duration 5 --connections 16 --db embedded,postgres]
// Starts the production server (embedded database and/or a fresh PostgreSQL database), signs in
// through next-auth like a browser, and measures throughput and latency of the request paths every
// page depends on. Prints one table; nothing here is a pass/fail test.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { applyMigrations } from "../server/db/migrations";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
    db: { type: "string", default: "embedded,postgres" },
    port: { type: "string", default: "3197" },
  },
});
const durationMs = Number(values.duration) * 1000;
const connections = Number(values.connections);
const port = Number(values.port);
const baseUrl = `http://localhost:${port}`;
const admin = { email: "bench@pult.test", password: "bench-password-123" };
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function load(
  db: string,
  scenario: string,
  run: () => Promise<boolean>,
  conc = connections,
  ms = durationMs,
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

function startServer(env: Record<string, string>): { child: ChildProcess; log: () => string } {
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: "warn",
      PULT_ADMIN_EMAIL: admin.email,
      PULT_ADMIN_PASSWORD: admin.password,
      REDIS_URL: "",
      // Measure the console alone: no simulator traffic competing for the two cores.
      PULT_SIMULATOR: "0",
      PULT_DEMO: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  return { child, log: () => log };
}

async function waitHealthy(log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${baseUrl}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not start:\n${log()}`);
}

function cookieHeader(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const serialise = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** The browser's credentials sign-in: CSRF token, then the callback; returns the cookie jar. */
async function signIn(): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  cookieHeader(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: serialise(jar) },
    body: new URLSearchParams({
      csrfToken,
      email: admin.email,
      password: admin.password,
      callbackUrl: "/live",
    }),
  });
  cookieHeader(res, jar);
  if (!jar.has("authjs.session-token")) throw new Error(`sign-in failed with HTTP ${res.status}`);
  return serialise(jar);
}

async function benchOne(db: string): Promise<Row[]> {
  let dataDir: string | undefined;
  let dbName: string | undefined;
  const env: Record<string, string> = {};
  if (db === "embedded") {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-bench-"));
    env.DATA_DIR = dataDir;
    env.DATABASE_URL = "";
  } else {
    dbName = `pult_bench_${randomBytes(4).toString("hex")}`;
    const adminClient = new pg.Client({ connectionString: serverUrl });
    await adminClient.connect();
    await adminClient.query(`CREATE DATABASE "${dbName}"`);
    await adminClient.end();
    const url = new URL(serverUrl);
    url.pathname = `/${dbName}`;
    await applyMigrations(url.toString());
    env.DATABASE_URL = url.toString();
    env.PULT_SECRET = randomBytes(32).toString("hex");
  }
  const server = startServer(env);
  try {
    await waitHealthy(server.log);
    const cookie = await signIn();
    const get = (p: string) => async () =>
      await fetch(`${baseUrl}${p}`, { headers: { cookie } }).then(
        async (r) => (await r.arrayBuffer(), r.ok),
      );
    const rows: Row[] = [];
    await load(db, "warm-up", get("/live"), 4, 2000);
    rows.push(await load(db, "GET /api/health", get("/api/health")));
    rows.push(await load(db, "tRPC me.get (signed in)", get("/api/trpc/me.get")));
    rows.push(await load(db, "tRPC users.list (admin)", get("/api/trpc/users.list")));
    rows.push(await load(db, "GET /live (SSR, signed in)", get("/live")));
    // Sign-in is deliberately expensive (scrypt, 32 MiB): measured with 2 connections.
    rows.push(await load(db, "sign-in (credentials)", async () => (await signIn(), true), 2));
    return rows;
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (dbName) {
      const adminClient = new pg.Client({ connectionString: serverUrl });
      await adminClient.connect();
      await adminClient.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await adminClient.end();
    }
  }
}

const rows: Row[] = [];
for (const db of values.db.split(",")) rows.push(...(await benchOne(db.trim())));
console.log(
  `\nPult bench: ${connections} connections, ${durationMs / 1000} s per scenario, ${os.cpus().length} cores, Node ${process.version}\n`,
);
const header = ["db", "scenario", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"];
const table = rows.map((r) => [
  r.db,
  r.scenario,
  String(r.requests),
  r.rps.toFixed(0),
  r.p50.toFixed(1),
  r.p95.toFixed(1),
  r.p99.toFixed(1),
  String(r.errors),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table) console.log(line(row));
process.exit(0);
