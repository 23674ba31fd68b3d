import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "@/server/db/data-dir-lock";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/server/db/embedded";

let root: string;
const open: EmbeddedDatabase[] = [];

async function tempDir(label: string): Promise<string> {
  return mkdtemp(path.join(root, `${label}-`));
}

async function start(dataDir: string, messages: string[] = []) {
  const db = await startEmbeddedDatabase({ dataDir, log: (m) => messages.push(m) });
  open.push(db);
  return db;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

// TCP sockets this process listens on (Linux /proc): their inodes, sorted.
function listeningTcpSockets(): string[] {
  const own = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match?.[1]) own.add(match[1]);
    } catch {
      // Closed while we looked.
    }
  }
  const listening: string[] = [];
  for (const table of ["/proc/self/net/tcp", "/proc/self/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === "0A" && cols[9] && own.has(cols[9])) listening.push(cols[9]);
    }
  }
  return listening.sort();
}

// The pid of a process that has certainly exited.
function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", () => (child.pid ? resolve(child.pid) : reject(new Error("no pid"))));
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "pult-embedded-"));
});

afterAll(async () => {
  for (const db of open) await db.close();
  await rm(root, { recursive: true, force: true });
});

describe("embedded database", () => {
  it("keeps data across close and reopen of the same folder", async () => {
    const dir = await tempDir("persist");
    const firstLog: string[] = [];
    const first = await start(dir, firstLog);
    expect(first.url).toMatch(/^postgresql:\/\/postgres@localhost\/postgres\?host=/);
    expect(firstLog.join("\n")).toContain("Initialising embedded database");
    await sql(first.url, `CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')`);
    await first.close();
    expect(existsSync(path.join(dir, "pult.lock"))).toBe(false);

    const secondLog: string[] = [];
    const second = await start(dir, secondLog);
    expect(secondLog.join("\n")).not.toContain("Initialising");
    expect(await sql(second.url, "SELECT body FROM notes")).toEqual([{ body: "kept" }]);
    await second.close();
  });

  // No password protects it: a loopback TCP port would let every local user and process in.
  it("listens only on a Unix socket in a folder no other user can open", async () => {
    const before = listeningTcpSockets();
    const dir = await tempDir("socket");
    const db = await start(dir);
    const socketDir = new URL(db.url).searchParams.get("host") ?? "";
    expect(path.isAbsolute(socketDir), db.url).toBe(true);
    expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(socketDir, ".s.PGSQL.5432"))).isSocket()).toBe(true);
    expect(listeningTcpSockets()).toEqual(before);
    expect(await sql(db.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    await db.close();
    // A socket left by a server killed outright does not stop the next one.
    const again = await start(dir);
    expect(await sql(again.url, "SELECT 2 AS ok")).toEqual([{ ok: 2 }]);
    await again.close();
  });

  it("serves a pool of concurrent connections", async () => {
    const db = await start(await tempDir("pool"));
    const pool = new pg.Pool({ connectionString: db.url, max: 12 });
    try {
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => pool.query<{ n: number }>(`SELECT ${i}::int AS n`)),
      );
      expect(results.map((r) => r.rows[0]?.n)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    } finally {
      await pool.end();
      await db.close();
    }
  });

  it("refuses a second server on a folder that is in use, naming the folder", async () => {
    const dir = await tempDir("locked");
    const first = await start(dir);
    const second = startEmbeddedDatabase({ dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(`pid ${process.pid}`);
    await expect(second).rejects.toThrow(`the data folder ${path.resolve(dir)}`);
    // The refused attempt must not have disturbed the running one.
    expect(await sql(first.url, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    await first.close();
    const third = await start(dir);
    await third.close();
  });

  it("takes over a stale lock left by a crashed server", async () => {
    const dir = await tempDir("stale");
    const pid = await deadPid();
    const stale = { pid, hostname: os.hostname(), startedAt: "2026-01-01T00:00:00Z", token: "x" };
    await writeFile(path.join(dir, "pult.lock"), JSON.stringify(stale));
    const messages: string[] = [];
    const db = await start(dir, messages);
    expect(messages.join("\n")).toMatch(new RegExp(`stale lock.*pid ${pid}`));
    const lock: unknown = JSON.parse(await readFile(path.join(dir, "pult.lock"), "utf8"));
    expect(lock).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    await db.close();
  });
});

describe("data folder lock", () => {
  it("treats a lock of a live process on this host as held", async () => {
    const dir = await tempDir("live");
    const other = { pid: process.ppid, hostname: os.hostname(), startedAt: "now", token: "y" };
    await writeFile(path.join(dir, "pult.lock"), JSON.stringify(other));
    await expect(acquireDataDirLock(dir)).rejects.toThrow(`pid ${process.ppid}`);
  });

  it("treats a lock from another host as held and explains how to clear it", async () => {
    const dir = await tempDir("host");
    const other = { pid: 1, hostname: "elsewhere", startedAt: "now", token: "z" };
    await writeFile(path.join(dir, "pult.lock"), JSON.stringify(other));
    await expect(acquireDataDirLock(dir)).rejects.toThrow(/on host elsewhere.*delete/);
  });

  it("releases only its own lock file", async () => {
    const dir = await tempDir("release");
    const lock = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await writeFile(lock.path, "replaced by someone else");
    await lock.release();
    expect(await readFile(lock.path, "utf8")).toBe("replaced by someone else");

    await rm(lock.path);
    const again = await acquireDataDirLock(dir);
    await again.release();
    expect(existsSync(again.path)).toBe(false);
  });
});
