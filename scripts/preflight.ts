// What `npm test` needs from the machine, found in about a second: a browser for the e2e journeys,
// a PostgreSQL server and a Redis for the integration tests, and the PostgreSQL server binaries
// for the tests that restart a cluster of their own. Prints one table and, for whatever is
// missing, the command or variable that fixes it. Nothing here starts anything.
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { renderTable } from "@/scripts/bench/common";
import {
  MissingPostgresError,
  findPostgresBin,
} from "@/server/testing/resilience/private-postgres";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const CHECK_TIMEOUT_MS = 1500;

export type Need = "browser" | "postgres" | "postgresBinaries" | "redis";

/** One row of the table, and what the run does about it. */
export type Finding = {
  need: Need;
  found: string;
  plan: string;
  /** Set when the run cannot have this: the fix, one line per way. */
  fix?: string[];
  /** A private instance to start for the run (PostgreSQL or Redis), from these binaries. */
  privateFrom?: string;
  /** What the stages should use (CHROMIUM_PATH, TEST_DATABASE_URL, TEST_REDIS_URL). */
  use?: string;
};

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

const browsersManifest = z.object({
  browsers: z.array(z.object({ name: z.string(), revision: z.string() })),
});

const isDebianLike = () => existsSync("/etc/debian_version");

/** Where `npx playwright install chromium` puts the browser this Playwright version drives. */
function playwrightChromium(root: string): string | null {
  const manifest = path.join(root, "node_modules", "playwright-core", "browsers.json");
  if (!existsSync(manifest)) return null;
  const { browsers } = browsersManifest.parse(JSON.parse(readFileSync(manifest, "utf8")));
  const revision = (name: string) => browsers.find((b) => b.name === name)?.revision;
  const env = process.env.PLAYWRIGHT_BROWSERS_PATH;
  const cache =
    process.platform === "darwin"
      ? path.join(os.homedir(), "Library", "Caches")
      : (process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"));
  const registry =
    env === "0"
      ? path.join(root, "node_modules", "playwright-core", ".local-browsers")
      : (env ?? path.join(cache, "ms-playwright"));
  const arm = process.arch === "arm64";
  const candidates = [
    [`chromium-${revision("chromium")}`, arm ? "chrome-linux-arm64" : "chrome-linux64", "chrome"],
    [
      `chromium_headless_shell-${revision("chromium-headless-shell")}`,
      arm ? "chrome-headless-shell-linux-arm64" : "chrome-headless-shell-linux64",
      "chrome-headless-shell",
    ],
  ].map((parts) => path.join(registry, ...parts));
  return candidates.find(isExecutable) ?? null;
}

export function findBrowser(root: string): Finding {
  const given = process.env.CHROMIUM_PATH;
  const install = [
    isDebianLike() ? "sudo apt-get install chromium" : "install Chromium or Chrome",
    "or: npx playwright install chromium",
    "or: CHROMIUM_PATH=/path/to/chrome npm test",
  ];
  if (given) {
    if (isExecutable(given)) return { need: "browser", found: given, plan: "use it", use: given };
    return {
      need: "browser",
      found: `CHROMIUM_PATH=${given}: no such program`,
      plan: "-",
      fix: [`point CHROMIUM_PATH at a Chrome/Chromium binary, or unset it`, ...install.slice(0, 2)],
    };
  }
  const found = isExecutable(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : playwrightChromium(root);
  if (found) return { need: "browser", found, plan: "use it", use: found };
  return {
    need: "browser",
    found: `no ${DEBIAN_CHROMIUM}, no Playwright browser`,
    plan: "-",
    fix: install,
  };
}

const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === "redis:" ? 6379 : 5432)}`;
  } catch {
    return url;
  }
};

/** ECONNREFUSED and the like, else the message (never the URL: it may hold a password). */
const reason = (error: unknown) => {
  if (!(error instanceof Error)) return String(error);
  return "code" in error && typeof error.code === "string" ? error.code : error.message;
};

/** A server version when the URL answers and its user may create databases, else the reason. */
async function probePostgres(url: string): Promise<{ version?: string; problem?: string }> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
  });
  // An unreachable server reports through the query; this only keeps a late socket error quiet.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; may_create: boolean }>(
      `select current_setting('server_version') as version,
              (select rolcreatedb or rolsuper from pg_roles where rolname = current_user) as may_create`,
    );
    const row = rows[0];
    if (!row?.may_create) return { problem: "its user may not CREATE DATABASE" };
    return { version: row.version.split(" ")[0] };
  } catch (error) {
    return { problem: reason(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function findPostgres(): Promise<Finding[]> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const bin = postgresBinaries();
  const server = await probePostgres(url);
  const binRow: Finding = bin
    ? { need: "postgresBinaries", found: bin, plan: "restart tests start clusters from it" }
    : {
        need: "postgresBinaries",
        found: "no /usr/lib/postgresql/*/bin with initdb, pg_ctl, postgres",
        plan: "-",
        fix: [
          isDebianLike()
            ? "sudo apt-get install postgresql (only the binaries are used; the service may stay off)"
            : "install the PostgreSQL server into /usr/lib/postgresql/<version>/bin",
        ],
      };
  if (server.version) {
    const row: Finding = {
      need: "postgres",
      found: `${hostOf(url)}, PostgreSQL ${server.version}`,
      plan: "use it",
      use: url,
    };
    return [row, binRow];
  }
  const found = `${hostOf(url)}: ${server.problem}`;
  if (bin) {
    return [
      { need: "postgres", found, plan: "start a private one for the run", privateFrom: bin },
      binRow,
    ];
  }
  const missing: Finding = {
    need: "postgres",
    found,
    plan: "-",
    fix: [
      "start PostgreSQL, or set TEST_DATABASE_URL to a server whose user may CREATE DATABASE",
      "or install the server binaries and npm test starts a private one: " +
        (binRow.fix?.[0] ?? ""),
    ],
  };
  return [missing, binRow];
}

function postgresBinaries(): string | null {
  try {
    return findPostgresBin();
  } catch (error) {
    if (error instanceof MissingPostgresError) return null;
    throw error;
  }
}

/** PONG from the Redis at `url` (AUTH first when the URL has a password), or why not. */
export function pingRedis(url: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<string | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve("not a redis:// URL");
  }
  const command = (...args: string[]) =>
    `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
  const password = decodeURIComponent(target.password);
  const user = decodeURIComponent(target.username);
  const auth = password ? command("AUTH", ...(user ? [user] : []), password) : "";
  return new Promise((resolve) => {
    const socket = connect(Number(target.port || 6379), target.hostname.replace(/^\[|\]$/g, ""));
    let reply = "";
    const done = (problem: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => done("no answer"), timeoutMs);
    socket.once("connect", () => socket.write(auth + command("PING")));
    socket.on("data", (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes("PONG")) done(null);
      else if (reply.startsWith("-")) done(reply.split("\r\n")[0]?.slice(1) ?? "error");
    });
    socket.once("error", (error) => done(reason(error)));
  });
}

/** `redis-server` on PATH (or Debian's /usr/bin), for a private Redis. */
export function redisServerBinary(): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/sbin"];
  const files = dirs.filter((d) => path.isAbsolute(d)).map((d) => path.join(d, "redis-server"));
  return files.find(isExecutable) ?? null;
}

export async function findRedis(): Promise<Finding> {
  const url = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL;
  const problem = await pingRedis(url);
  if (!problem) return { need: "redis", found: `${hostOf(url)}, PONG`, plan: "use it", use: url };
  const found = `${hostOf(url)}: ${problem}`;
  const bin = redisServerBinary();
  if (bin)
    return { need: "redis", found, plan: "start a private one for the run", privateFrom: bin };
  return {
    need: "redis",
    found,
    plan: "-",
    fix: [
      "start Redis, or set TEST_REDIS_URL",
      "or install the server and npm test starts a private one: " +
        (isDebianLike() ? "sudo apt-get install redis-server" : "install redis-server"),
    ],
  };
}

/** Every check the given needs call for, side by side: the slowest one sets the time. */
export async function inspect(root: string, needs: ReadonlySet<Need>): Promise<Finding[]> {
  const wantsPostgres = needs.has("postgres") || needs.has("postgresBinaries");
  const [postgres, redis] = await Promise.all([
    wantsPostgres ? findPostgres() : Promise.resolve([]),
    needs.has("redis") ? findRedis().then((r) => [r]) : Promise.resolve([]),
  ]);
  const browser = needs.has("browser") ? [findBrowser(root)] : [];
  return [...browser, ...postgres, ...redis].filter((f) => needs.has(f.need));
}

const LABELS: Record<Need, string> = {
  browser: "Browser",
  postgres: "PostgreSQL",
  postgresBinaries: "PostgreSQL binaries",
  redis: "Redis",
};

export function renderFindings(findings: readonly Finding[], seconds: number): string {
  return renderTable({
    title: `Test preflight (${seconds.toFixed(1)} s)`,
    header: ["Needs", "Found", "Will"],
    rows: findings.map((f) => [LABELS[f.need], f.found, f.fix ? "MISSING" : f.plan]),
  });
}

export function renderFixes(findings: readonly Finding[]): string {
  return findings
    .filter((f) => f.fix)
    .map(
      (f) => `${LABELS[f.need]} is missing. Fix:\n${(f.fix ?? []).map((l) => `  ${l}`).join("\n")}`,
    )
    .join("\n");
}

export const needLabel = (need: Need) => LABELS[need];
