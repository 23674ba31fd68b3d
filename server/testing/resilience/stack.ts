// The system under fault: the production server (as `npm start` runs it, after the build) on a
// PostgreSQL database, the standalone PBX simulator connected through the real OAuth flow, and
// generated traffic. Built from the bench's helpers, so both measure the same thing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BenchError,
  freePort,
  startNodeProcess,
  startPult,
  waitForHttp,
  type ChildHandle,
  type PultServer,
} from "@/scripts/bench/common";
import { connectToSimulator, signIn } from "@/scripts/bench/session";
import type { RunContext } from "@/server/testing/resilience/context";

export type Traffic = {
  callsPerMinute: number;
  answerRatio: number;
  meanTalkSec: number;
  meanRingSec: number;
};

export type StackOptions = {
  databaseUrl: string;
  /** The simulator's redelivery schedule; short ones keep a test under a minute. */
  retryDelaysMs: number[];
  workplaces?: number;
  /** Extra environment of the Pult server (e.g. PULT_PBX_RETRY_SEC). */
  pultEnv?: Record<string, string>;
};

export type SimStats = {
  notifications: {
    emitted: number;
    delivered: number;
    failed: number;
    pending: number;
    lastSeq: number;
    attemptOutcomes: Record<string, number>;
  };
  traffic: { activeCalls: number; generatedCalls: number };
};

export type Stack = {
  simUrl: string;
  port: number;
  server: PultServer;
  adminCookie: string;
  sim<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  stats(): Promise<SimStats>;
  setTraffic(traffic: Traffic | null): Promise<void>;
  /** SIGKILL: no graceful shutdown, in-flight requests die with the process. */
  kill(): Promise<void>;
  /** Starts the server again on the same port, database and secret (env: overrides). */
  restart(env?: Record<string, string>): Promise<void>;
  /** SIGKILL of the PBX simulator: it forgets its calls, tokens and history. */
  killSimulator(): Promise<void>;
  /** The simulator again on the same port and credentials (not yet connected: reconnect). */
  restartSimulator(): Promise<void>;
  /** Connects Pult to the simulator through the OAuth flow, as an administrator would. */
  reconnect(): Promise<void>;
  /** Waits until no call is active and no notification is pending (redeliveries done). */
  settle(timeoutMs: number): Promise<SimStats>;
  /** Output of every server process of the run (the last 64 KB of each). */
  serverLogs(): string[];
};

const TRAFFIC_SEED = "resilience";
// recordingReady follows a call's end by the simulator's recording delay (1.5 s).
const QUIET_MS = 2500;

// Test files run side by side: one builds, the others wait for it and find the build current.
const BUILD_LOCK = path.join(os.tmpdir(), "pult-resilience-build.lock");
const STALE_LOCK_MS = 15 * 60_000;

/** `npm start` builds first; a stale build would test old route handlers. */
export async function ensureProductionBuild(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const result = spawnSync(process.execPath, ["scripts/prepare.mjs", "--build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error("the production build (next build) failed");
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function structure(count: number) {
  const pad = (i: number) => String(i + 1).padStart(3, "0");
  const workplaces = Array.from({ length: count }, (_, i) => ({
    id: `res-wp-${pad(i)}`,
    name: `Resilience ${pad(i)}`,
    extension: String(200 + i),
    distribution: "serial" as const,
    terminals: [],
  }));
  const numbers = workplaces.map((w, i) => ({
    number: `+7495${String(4_000_000 + i).padStart(7, "0")}`,
    kind: "city" as const,
    label: `Line ${pad(i)}`,
    parking: false,
    workplaceIds: [w.id, workplaces[(i + 1) % count]?.id ?? w.id],
  }));
  return { workplaces, numbers };
}

export async function startStack(opts: StackOptions, ctx: RunContext): Promise<Stack> {
  const workplaces = opts.workplaces ?? 8;
  const simPort = await freePort();
  const simUrl = `http://localhost:${simPort}`;
  const credentials = {
    clientId: "pult-resilience",
    clientSecret: randomBytes(16).toString("hex"),
    login: "resilience",
    password: randomBytes(12).toString("hex"),
  };
  const simEnv = {
    SIMULATOR_PORT: String(simPort),
    SIMULATOR_HOST: "127.0.0.1",
    SIMULATOR_PUBLIC_URL: simUrl,
    SIMULATOR_CLIENT_ID: credentials.clientId,
    SIMULATOR_CLIENT_SECRET: credentials.clientSecret,
    SIMULATOR_LOGIN: credentials.login,
    SIMULATOR_PASSWORD: credentials.password,
    SIMULATOR_REDIRECT_URI: "",
    SIMULATOR_RING_TIMEOUT_MS: "3000",
    SIMULATOR_RETRY_DELAYS_MS: opts.retryDelaysMs.join(","),
    LOG_LEVEL: "warn",
  };
  const launchSimulator = async () => {
    ctx.phase(`starting the PBX simulator on port ${simPort}`);
    const handle = startNodeProcess("server/pbx-simulator/cli.ts", simEnv, ctx);
    await waitForHttp(`${simUrl}/control/stats`, handle, "the PBX simulator");
    return handle;
  };
  let simulator: ChildHandle = await launchSimulator();

  const sim = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${simUrl}${path}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new BenchError(`simulator ${path} answered HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const putStructure = () =>
    sim("/control/structure", { method: "PUT", body: structure(workplaces) });
  await putStructure();

  const port = await freePort();
  const admin = { email: "resilience@pult.test", password: randomBytes(12).toString("hex") };
  const env = {
    DATABASE_URL: opts.databaseUrl,
    PULT_SECRET: randomBytes(32).toString("hex"),
    // The simulator runs as its own process on loopback.
    PULT_MTT_ALLOW_PRIVATE: "true",
    ...opts.pultEnv,
  };
  ctx.phase(`starting the production server on port ${port}`);
  let server = await startPult({ port, env, admin }, ctx);
  const adminCookie = await signIn(server.baseUrl, admin.email, admin.password);
  const connect = () =>
    connectToSimulator(
      {
        baseUrl: server.baseUrl,
        cookie: adminCookie,
        simUrl,
        credentials,
        workplaces,
        syncTimeoutMs: 60_000,
      },
      ctx,
    );
  await connect();

  const stats = () => sim<SimStats>("/control/stats");
  const previousLogs: string[] = [];
  let lastTraffic: Traffic = {
    callsPerMinute: 0,
    answerRatio: 0.8,
    meanTalkSec: 1,
    meanRingSec: 0.3,
  };
  const stack: Stack = {
    simUrl,
    port,
    get server() {
      return server;
    },
    adminCookie,
    sim,
    stats,
    async setTraffic(traffic) {
      // Rate 0 with the same settings: calls in progress keep their short rings and talks.
      if (traffic) lastTraffic = traffic;
      const settings = traffic ?? { ...lastTraffic, callsPerMinute: 0 };
      await sim("/control/traffic", { method: "POST", body: { ...settings, seed: TRAFFIC_SEED } });
    },
    serverLogs: () => [...previousLogs, server.log()],
    async kill() {
      previousLogs.push(server.log());
      const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
      server.child.kill("SIGKILL");
      await exited;
    },
    async restart(overrides) {
      server = await startPult({ port, env: { ...env, ...overrides }, admin }, ctx);
    },
    async killSimulator() {
      const exited = new Promise<void>((resolve) => simulator.child.once("exit", () => resolve()));
      simulator.child.kill("SIGKILL");
      await exited;
    },
    async restartSimulator() {
      simulator = await launchSimulator();
      await putStructure();
    },
    reconnect: connect,
    async settle(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let quietSince: number | null = null;
      for (;;) {
        const current = await stats();
        const isQuiet = current.traffic.activeCalls === 0 && current.notifications.pending === 0;
        quietSince = isQuiet ? (quietSince ?? Date.now()) : null;
        if (quietSince !== null && Date.now() - quietSince > QUIET_MS) return current;
        if (Date.now() > deadline) {
          throw new BenchError(
            `not settled after ${timeoutMs / 1000} s: ${current.traffic.activeCalls} calls active, ${current.notifications.pending} notifications pending`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
  };
  return stack;
}
