// The PBX side of the live-calls bench: the standalone simulator with a structure sized for the
// traffic, generated calls at a fixed rate, and the simulator's journal of every delivery (when
// it was sent, when a 2xx came back). The same for Pult and for the floor server.
import { randomBytes } from "node:crypto";
import os from "node:os";
import {
  BenchError,
  freePort,
  sleep,
  startNodeProcess,
  waitForHttp,
  wallMs,
  type BenchContext,
  type ChildHandle,
} from "@/scripts/bench/common";

export type Delivery = {
  seq: number;
  id: string;
  type: string;
  callId: string | null;
  /** When the simulator had it to send; it keeps a bounded number on the wire. */
  emittedAtMs: number;
  sentAtMs: number;
  ackedAtMs: number | null;
  attempts: number;
  status: number | null;
};

export type SimStats = {
  notifications: { emitted: number; pending: number; lastSeq: number };
  traffic: { activeCalls: number; generatedCalls: number };
};

// Short rings and talks keep the number of simultaneous calls (and busy workplaces) moderate.
const TRAFFIC = { answerRatio: 0.9, meanTalkSec: 1, meanRingSec: 0.3, seed: "bench" };
const RING_TIMEOUT_MS = 3000;
const RECORDING_DELAY_MS = 1500; // the simulator's default: recordingReady after the call ends

/** Workplaces 0001… (the first ones are linked to the signed-in managers); one number each. */
export function benchStructure(workplaces: number) {
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

export type BenchSimulator = {
  url: string;
  credentials: { clientId: string; clientSecret: string; login: string; password: string };
  handle: ChildHandle;
  json<T>(path: string, init?: RequestInit): Promise<T>;
};

/**
 * The standalone simulator with the bench structure (or `structure`); `redirectUri`
 * pre-registers a receiver; `ringTimeoutMs` is how long an unanswered call rings.
 */
export async function startBenchSimulator(
  opts: {
    workplaces: number;
    structure?: unknown;
    ringTimeoutMs?: number;
    redirectUri?: string;
    clientSecret?: string;
  },
  ctx: BenchContext,
): Promise<BenchSimulator> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const credentials = {
    clientId: "pult-bench",
    // Also the key notifications are signed with.
    clientSecret: opts.clientSecret ?? randomBytes(16).toString("hex"),
    login: "bench",
    password: randomBytes(12).toString("hex"),
  };
  ctx.phase(`starting the PBX simulator on port ${port}`);
  const handle = startNodeProcess(
    "server/pbx-simulator/cli.ts",
    {
      SIMULATOR_PORT: String(port),
      SIMULATOR_HOST: "127.0.0.1",
      SIMULATOR_PUBLIC_URL: url,
      SIMULATOR_CLIENT_ID: credentials.clientId,
      SIMULATOR_CLIENT_SECRET: credentials.clientSecret,
      SIMULATOR_LOGIN: credentials.login,
      SIMULATOR_PASSWORD: credentials.password,
      SIMULATOR_REDIRECT_URI: opts.redirectUri ?? "",
      SIMULATOR_SEED: "1",
      SIMULATOR_RING_TIMEOUT_MS: String(opts.ringTimeoutMs ?? RING_TIMEOUT_MS),
      LOG_LEVEL: "warn",
    },
    ctx,
  );
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: { "content-type": "application/json" },
    });
    if (!res.ok) throw new BenchError(`simulator ${path} answered HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  await waitForHttp(`${url}/control/stats`, handle, "the PBX simulator");
  await json("/control/structure", {
    method: "PUT",
    body: JSON.stringify(opts.structure ?? benchStructure(opts.workplaces)),
  });
  return { url, credentials, handle, json };
}

export type TrafficResult = {
  deliveries: Delivery[];
  /** Deliveries finished before the traffic (settingsChanged during the set-up), not measured. */
  skippedBefore: number;
  trafficStart: number;
  trafficStop: number;
  finalStats: SimStats;
  loadBefore: number[];
  loadAfter: number[];
};

/**
 * Generated calls for `durationSec`, then waits until calls in progress ended and every
 * notification settled. `sample` runs every 500 ms (memory); `status` adds to the progress line.
 */
export async function runTraffic(
  sim: BenchSimulator,
  opts: { rate: number; durationSec: number },
  hooks: { sample(): Promise<void>; status(): string },
  ctx: BenchContext,
): Promise<TrafficResult> {
  const deliveries: Delivery[] = [];
  let lastSeq = (await sim.json<SimStats>("/control/stats")).notifications.lastSeq;
  const skippedBefore = lastSeq;
  const poll = async () => {
    for (;;) {
      const page = await sim.json<{ deliveries: Delivery[] }>(
        `/control/deliveries?after=${lastSeq}&limit=50000`,
      );
      for (const d of page.deliveries) deliveries.push(d);
      const last = page.deliveries.at(-1);
      if (!last) return;
      lastSeq = last.seq;
    }
  };

  const loadBefore = os.loadavg().map((n) => Number(n.toFixed(1)));
  ctx.phase(`driving ${opts.rate} calls/s for ${opts.durationSec} s`);
  const trafficStart = wallMs();
  await sim.json("/control/traffic", {
    method: "POST",
    body: JSON.stringify({ ...TRAFFIC, callsPerMinute: opts.rate * 60 }),
  });
  const sampler = setInterval(() => void hooks.sample(), 500);
  const trafficStopsAt = trafficStart + opts.durationSec * 1000;
  let nextReport = trafficStart + 5000;
  while (wallMs() < trafficStopsAt) {
    await sleep(Math.min(1000, Math.max(0, trafficStopsAt - wallMs())));
    await poll();
    if (wallMs() >= nextReport) {
      nextReport += 5000;
      const elapsed = (wallMs() - trafficStart) / 1000;
      const recent = deliveries.filter(
        (d) => d.ackedAtMs !== null && d.ackedAtMs > wallMs() - 5000,
      );
      const stats = await sim.json<SimStats>("/control/stats");
      ctx.phase(
        `  ${elapsed.toFixed(0)} s: ${(recent.length / 5).toFixed(0)} notifications/s acknowledged, ${stats.notifications.pending} in flight, ${stats.traffic.activeCalls} calls active, ${hooks.status()}`,
      );
    }
  }
  const trafficStop = wallMs();
  // Same settings with rate 0: calls in progress keep their short rings and talks.
  await sim.json("/control/traffic", {
    method: "POST",
    body: JSON.stringify({ ...TRAFFIC, callsPerMinute: 0 }),
  });

  ctx.phase(
    "traffic stopped; waiting for calls in progress to end and every notification to settle",
  );
  const drainDeadline = Date.now() + 180_000;
  let quietSince: number | null = null;
  for (;;) {
    const stats = await sim.json<SimStats>("/control/stats");
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
    await poll();
    await sleep(500);
  }
  await poll();
  await sleep(1000); // the last pushes are on the wire
  clearInterval(sampler);
  await hooks.sample();
  return {
    deliveries,
    skippedBefore,
    trafficStart,
    trafficStop,
    finalStats: await sim.json<SimStats>("/control/stats"),
    loadBefore,
    loadAfter: os.loadavg().map((n) => Number(n.toFixed(1))),
  };
}
