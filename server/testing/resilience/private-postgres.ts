// A PostgreSQL cluster of the test's own, on a free port in a temporary folder: the resilience
// tests stop and start it during traffic. The shared server on 5432 is never touched.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "@/scripts/bench/common";
import type { RunContext } from "@/server/testing/resilience/context";

const PG_ROOT = "/usr/lib/postgresql";

export class MissingPostgresError extends Error {
  override name = "MissingPostgresError";
}

export type PrivatePostgres = {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  urlFor(database: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  isRunning(): boolean;
};

/** The newest /usr/lib/postgresql/<version>/bin that has initdb, pg_ctl and postgres. */
export function findPostgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = path.join(PG_ROOT, version, "bin");
    if (["initdb", "pg_ctl", "postgres"].every((tool) => existsSync(path.join(bin, tool))))
      return bin;
  }
  throw new MissingPostgresError(
    `PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in ${PG_ROOT}/*/bin. ` +
      `This test restarts a PostgreSQL cluster of its own and cannot run without them: ` +
      `install the server package (Debian: apt-get install postgresql).`,
  );
}

type Run = { code: number | null; output: string };

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // As root, PostgreSQL refuses to run: its tools run as the postgres user.
    const asRoot = process.getuid?.() === 0;
    const child = asRoot
      ? spawn("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" })
      : spawn(command, args, { stdio: "pipe" });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

async function postgresUid(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const line = (await readFile("/etc/passwd", "utf8"))
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (!uid || !gid)
    throw new MissingPostgresError("running as root, but there is no postgres user");
  return { uid: Number(uid), gid: Number(gid) };
}

/** initdb + start on a free loopback port; removed again at the context's cleanup. */
export async function startPrivatePostgres(ctx: RunContext): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  const dir = await mkdtemp(path.join(os.tmpdir(), "pult-pg-"));
  const unregisterDir = ctx.onCleanup(() => rm(dir, { recursive: true, force: true }));
  const owner = await postgresUid();
  if (owner) await chown(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const init = await run(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "--no-sync",
  ]);
  if (init.code !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const port = await freePort();
  let running = false;
  const pgCtl = async (...args: string[]) => {
    const result = await run(path.join(bin, "pg_ctl"), ["-D", data, ...args]);
    if (result.code !== 0) {
      const log = await readFile(path.join(dir, "server.log"), "utf8").catch(() => "");
      throw new Error(`pg_ctl ${args[0]} failed:\n${result.output}\n${log.slice(-4000)}`);
    }
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await pgCtl("start", "-w", "-t", "60", "-l", path.join(dir, "server.log"), "-o", options);
    running = true;
  };
  const stop = async () => {
    await pgCtl("stop", "-w", "-t", "60", "-m", "fast");
    running = false;
  };
  await start();
  unregisterDir();
  ctx.onCleanup(async () => {
    if (running) await pgCtl("stop", "-w", "-m", "immediate").catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  ctx.phase(`private PostgreSQL (${path.basename(path.dirname(bin))}) on port ${port}`);
  return {
    port,
    urlFor: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    isRunning: () => running,
  };
}

/** CREATE DATABASE on the private cluster (no cleanup needed: the cluster goes away). */
export async function createDatabaseOn(server: PrivatePostgres, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return server.urlFor(name);
}
