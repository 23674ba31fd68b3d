// Shared by every bench suite: child processes, a throwaway PostgreSQL database, percentiles,
// tables and clean teardown (also on Ctrl-C). Sign-in, tRPC and the OAuth connect: session.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import { applyMigrations } from "@/server/db/migrations";

/** A problem the person running the bench can fix; printed without a stack trace. */
export class BenchError extends Error {
  override name = "BenchError";
}

export type Table = { title: string; header: string[]; rows: string[][] };

export type SuiteReport = {
  tables: Table[];
  /** What `--json <file>` writes for this suite. */
  json: Record<string, unknown>;
};

export type BenchContext = {
  /** One progress line: "[calls] starting the simulator…". */
  phase(message: string): void;
  /** Runs at teardown, also on Ctrl-C and failures, newest first. Returns an unregister function. */
  onCleanup(fn: () => Promise<void> | void): () => void;
};

/** Wall-clock epoch milliseconds with sub-millisecond precision; comparable across processes. */
export const wallMs = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function renderTable(table: Table): string {
  const widths = table.header.map((h, i) =>
    Math.max(h.length, ...table.rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    table.title,
    line(table.header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...table.rows.map(line),
  ].join("\n");
}

/** A free TCP port on loopback (closed again right away; fine for a bench on one machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Refuses a port something already listens on: a server left from an interrupted run would
 * otherwise answer the health check, and the bench would measure it instead of its own.
 */
export async function ensurePortFree(port: number, host = "127.0.0.1"): Promise<void> {
  const problem = await new Promise<string | null>((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(port, host, () => server.close(() => resolve(null)));
  });
  if (problem === "EADDRINUSE")
    throw new BenchError(
      `port ${port} is already in use (a server left from an interrupted run?): stop it, or pass --port`,
    );
  if (problem) throw new BenchError(`cannot listen on port ${port}: ${problem}`);
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index] as T, index);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// Child processes

export type ChildHandle = {
  child: ChildProcess;
  pid: number;
  log(): string;
  stop(): Promise<void>;
};

/** Starts a Node child with tsx; its output is kept (last 64 KB) for error messages. */
export function startNodeProcess(
  script: string,
  env: Record<string, string>,
  ctx: BenchContext,
  args: string[] = [],
  nodeArgs: string[] = [],
): ChildHandle {
  let output = "";
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let unregister = () => {};
  const stop = async () => {
    unregister();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killed = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!killed) child.kill("SIGKILL");
    }
    await exited;
  };
  unregister = ctx.onCleanup(stop);
  if (child.pid === undefined) throw new BenchError(`could not start ${script}`);
  return { child, pid: child.pid, log: () => output, stop };
}

/** Polls `url` until it answers 2xx; fails with the child's output if it exits or times out. */
export async function waitForHttp(
  url: string,
  handle: ChildHandle,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (handle.child.exitCode !== null) {
      throw new BenchError(`${what} exited with code ${handle.child.exitCode}:\n${handle.log()}`);
    }
    const ok = await fetch(url).then(
      async (r) => (await r.arrayBuffer(), r.ok),
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new BenchError(
    `${what} did not answer ${url} within ${timeoutMs / 1000} s:\n${handle.log()}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Pult: the production server and signing in like a browser

export type PultServer = ChildHandle & { baseUrl: string };

export async function startPult(
  opts: {
    port: number;
    env: Record<string, string>;
    admin: { email: string; password: string };
    /** Where people and the PBX reach it (a load balancer); default its own port. */
    publicUrl?: string;
  },
  ctx: BenchContext,
): Promise<PultServer> {
  const baseUrl = `http://localhost:${opts.port}`;
  const handle = startNodeProcess(
    "server/main.ts",
    {
      NODE_ENV: "production",
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      PUBLIC_URL: opts.publicUrl ?? baseUrl,
      LOG_LEVEL: "warn",
      PULT_ADMIN_EMAIL: opts.admin.email,
      PULT_ADMIN_PASSWORD: opts.admin.password,
      REDIS_URL: "",
      // Measure the console alone: no bundled simulator or demo traffic competing for the CPU.
      PULT_SIMULATOR: "0",
      PULT_DEMO: "0",
      // The standalone simulator listens on loopback, which the MTT host policy refuses otherwise.
      PULT_MTT_ALLOW_PRIVATE: "true",
      ...opts.env,
    },
    ctx,
    [],
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node options for each Pult
    // server only (profiles, heap snapshots), not for the bench or the simulator.
    (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean),
  );
  await waitForHttp(`${baseUrl}/api/health`, handle, "the Pult server");
  return { ...handle, baseUrl };
}

// ---------------------------------------------------------------------------------------------
// A throwaway PostgreSQL database

export const postgresServerUrl = () =>
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}`;
  } catch {
    return "TEST_DATABASE_URL";
  }
}

async function adminQuery(sql: string): Promise<void> {
  const serverUrl = postgresServerUrl();
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const code: unknown = error instanceof Error ? Reflect.get(error, "code") : undefined;
    const reason =
      code === "ECONNREFUSED"
        ? "connection refused"
        : error instanceof Error
          ? error.message
          : String(error);
    throw new BenchError(
      `PostgreSQL is not reachable at ${describeTarget(serverUrl)} (${reason}). The bench creates and drops a database of its own there: start PostgreSQL, or set TEST_DATABASE_URL to a server URL whose user may CREATE DATABASE.`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type BenchDatabase = { name: string; url: string; drop: () => Promise<void> };

/** A uniquely named (by default migrated) database, dropped at teardown (also on Ctrl-C). */
export async function createBenchDatabase(
  ctx: BenchContext,
  opts: { migrate?: boolean } = {},
): Promise<BenchDatabase> {
  const name = `pult_bench_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  let unregister = () => {};
  let dropped = false;
  const drop = async () => {
    unregister();
    if (dropped) return;
    dropped = true;
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  unregister = ctx.onCleanup(drop);
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  if (opts.migrate !== false) await applyMigrations(url.toString());
  return { name, url: url.toString(), drop };
}
