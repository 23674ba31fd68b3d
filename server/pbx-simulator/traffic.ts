import { z } from "zod";
import type { CallEngine } from "@/server/pbx-simulator/call-engine";
import type { CallRecord } from "@/server/pbx-simulator/call-types";
import type { Clock, TimerHandle } from "@/server/pbx-simulator/clock";
import type { SimulatorLog } from "@/server/pbx-simulator/log";
import { createRandom, type Random } from "@/server/pbx-simulator/random";
import type { Structure } from "@/server/pbx-simulator/structure";
import { createOutgoingTraffic } from "@/server/pbx-simulator/traffic-outgoing";

export const trafficSettingsSchema = z.object({
  callsPerMinute: z.number().min(0).max(60_000),
  answerRatio: z.number().min(0).max(1).default(0.8),
  meanTalkSec: z.number().min(1).max(3600).default(60),
  /** Shortest conversation: a sales call is rarely over in a few seconds. */
  minTalkSec: z.number().min(1).max(600).default(1),
  /** Mean ring before an employee answers (exponential); default 10–45 % of the ring timeout. */
  meanRingSec: z.number().min(0.01).max(600).optional(),
  /** Mean time a caller waits for an answer before hanging up; unset: forever. */
  meanPatienceSec: z.number().min(1).max(3600).optional(),
  /** Click-to-call calls the simulated employees place to numbers from the caller pool. */
  outgoingPerMinute: z.number().min(0).max(600).default(0),
  /** Share of outgoing calls (and callbacks) the client picks up. */
  outgoingAnswerRatio: z.number().min(0).max(1).default(0.75),
  /** Share of missed incoming calls an employee calls back, `meanCallbackSec` later on average. */
  callbackRatio: z.number().min(0).max(1).default(0),
  meanCallbackSec: z.number().min(1).max(86_400).default(240),
  /** How often each PBX number is dialled, relative to the others (missing: 1). */
  numberWeights: z.record(z.string(), z.number().min(0).max(1000)).optional(),
  seed: z.union([z.number(), z.string()]).optional(),
  callerPool: z.array(z.string().min(1).max(32)).max(100_000).optional(),
});

export type TrafficSettings = z.input<typeof trafficSettingsSchema>;
type ParsedSettings = z.output<typeof trafficSettingsSchema>;

export type TrafficStatus = {
  isRunning: boolean;
  callsPerMinute: number;
  answerRatio: number;
  meanTalkSec: number;
  meanRingSec: number | null;
  meanPatienceSec: number | null;
  outgoingPerMinute: number;
  callbackRatio: number;
  seed: number | string;
  callerPoolSize: number;
  generatedCalls: number;
  generatedOutgoing: number;
  callbacks: number;
  activeCalls: number;
};

type TrafficDeps = {
  engine: CallEngine;
  clock: Clock;
  structure: () => Structure;
  ringTimeoutMs: number;
  /** How long an outside party rings before the PBX lets it pick up; null = never by itself. */
  remoteAnswerDelayMs?: number | null;
  defaultSeed: number | string;
  log: SimulatorLog;
};

export type Traffic = ReturnType<typeof createTraffic>;

/**
 * Poisson arrivals of incoming calls. The simulated employees answer only generated calls (so a
 * person at /phones keeps full control of calls they start), with probability `answerRatio`
 * after a random ring, and the caller hangs up after an exponential talk time, or earlier if
 * nobody answers within their patience. Outgoing calls and callbacks: traffic-outgoing.ts.
 */
export function createTraffic(deps: TrafficDeps) {
  let settings: ParsedSettings & { seed: number | string } = {
    ...trafficSettingsSchema.parse({ callsPerMinute: 0 }),
    seed: deps.defaultSeed,
  };
  let random: Random = createRandom(deps.defaultSeed);
  let arrival: TimerHandle | undefined;
  let generatedCalls = 0;
  const hangups = new Map<string, TimerHandle>();
  const giveUps = new Map<string, TimerHandle>();
  const outgoing = createOutgoingTraffic({
    engine: deps.engine,
    clock: deps.clock,
    structure: deps.structure,
    remoteAnswerDelayMs: deps.remoteAnswerDelayMs === undefined ? 3000 : deps.remoteAnswerDelayMs,
    log: deps.log,
  });

  function randomCaller(): string {
    const pool = settings.callerPool;
    if (pool && pool.length > 0) return random.pick(pool);
    return `+79${String(random.int(0, 999_999_999)).padStart(9, "0")}`;
  }

  function pickNumber(numbers: string[]): string {
    const weights = settings.numberWeights;
    if (!weights) return random.pick(numbers);
    const weightOf = (n: string) => weights[n] ?? 1;
    const total = numbers.reduce((sum, n) => sum + weightOf(n), 0);
    let left = random.next() * total;
    for (const n of numbers) {
      left -= weightOf(n);
      if (left < 0) return n;
    }
    return random.pick(numbers);
  }

  // Arrivals are planned on an absolute timeline: when the event loop runs late (a busy machine),
  // the calls that are due start right away, so the offered rate stays the configured one.
  let nextArrivalAt = 0;

  function scheduleArrival(): void {
    if (settings.callsPerMinute <= 0) return;
    nextArrivalAt += random.exponential(60_000 / settings.callsPerMinute);
    const delay = Math.max(0, nextArrivalAt - deps.clock.now());
    arrival = deps.clock.setTimer(delay, () => {
      const numbers = deps.structure().numbers;
      if (numbers.length > 0) {
        const to = pickNumber(numbers.map((n) => n.number));
        try {
          deps.engine.startIncoming(randomCaller(), to, true);
          generatedCalls++;
        } catch (error) {
          deps.log.warn("traffic: could not start a call", { error });
        }
      }
      scheduleArrival();
    });
  }

  // The caller gives up if nobody has answered by then (also while parked or being transferred).
  function onStarted(call: CallRecord): void {
    const patienceSec = settings.meanPatienceSec;
    if (call.direction !== "incoming" || patienceSec === undefined) return;
    // Two exponential halves (Erlang-2): the same mean, but hardly anyone hangs up in seconds.
    const halfMs = (patienceSec * 1000) / 2;
    const patienceMs = random.exponential(halfMs) + random.exponential(halfMs);
    const timer = deps.clock.setTimer(patienceMs, () => {
      giveUps.delete(call.callId);
      try {
        deps.engine.hangup(call.callId);
      } catch {
        // Already ended.
      }
    });
    giveUps.set(call.callId, timer);
  }

  function forget(callId: string, timers: Map<string, TimerHandle>): void {
    timers.get(callId)?.cancel();
    timers.delete(callId);
  }

  function onDelivered(call: CallRecord): void {
    if (call.direction === "outgoing") return outgoing.onDelivered(call);
    const workplaceId = call.ringingWorkplaceId;
    if (workplaceId === null || random.next() >= settings.answerRatio) return;
    const meanRingSec = settings.meanRingSec;
    // Always picked up before the ring timeout, so answerRatio alone decides what is missed.
    const ringMs =
      meanRingSec === undefined
        ? deps.ringTimeoutMs * (0.1 + 0.35 * random.next())
        : Math.min(random.exponential(meanRingSec * 1000), deps.ringTimeoutMs * 0.9);
    deps.clock.setTimer(ringMs, () => {
      try {
        deps.engine.answer(call.callId, workplaceId);
      } catch {
        // The caller hung up or the call moved on meanwhile: nothing to answer.
      }
    });
  }

  function onAnswered(call: CallRecord): void {
    if (call.state !== "talking") return;
    forget(call.callId, giveUps);
    const talkSec = Math.min(random.exponential(settings.meanTalkSec), settings.meanTalkSec * 10);
    hangups.get(call.callId)?.cancel();
    const timer = deps.clock.setTimer(Math.max(settings.minTalkSec, talkSec) * 1000, () => {
      hangups.delete(call.callId);
      try {
        deps.engine.hangup(call.callId);
      } catch {
        // Already ended.
      }
    });
    hangups.set(call.callId, timer);
  }

  deps.engine.onChange((event, call) => {
    if (!call.isTraffic) return;
    if (event === "started") onStarted(call);
    else if (event === "delivered") onDelivered(call);
    else if (event === "dialing" && call.direction === "outgoing") outgoing.onDialing(call);
    else if (event === "answered") onAnswered(call);
    else if (event === "ended") {
      forget(call.callId, hangups);
      forget(call.callId, giveUps);
      outgoing.onEnded(call);
    }
  });

  return {
    configure(input: TrafficSettings): TrafficStatus {
      const next = trafficSettingsSchema.parse(input);
      arrival?.cancel();
      arrival = undefined;
      const seed = next.seed ?? settings.seed;
      settings = { ...next, seed };
      random = createRandom(seed);
      // Its own stream, so turning outgoing calls on does not change the incoming sequence.
      outgoing.configure(next, random.fork("outgoing"), next.callerPool ?? []);
      nextArrivalAt = deps.clock.now();
      deps.log.info("traffic settings changed", { ...next, callerPool: next.callerPool?.length });
      scheduleArrival();
      return this.status();
    },
    status(): TrafficStatus {
      return {
        isRunning: arrival !== undefined,
        callsPerMinute: settings.callsPerMinute,
        answerRatio: settings.answerRatio,
        meanTalkSec: settings.meanTalkSec,
        meanRingSec: settings.meanRingSec ?? null,
        meanPatienceSec: settings.meanPatienceSec ?? null,
        outgoingPerMinute: settings.outgoingPerMinute,
        callbackRatio: settings.callbackRatio,
        seed: settings.seed,
        callerPoolSize: settings.callerPool?.length ?? 0,
        generatedCalls,
        ...outgoing.status(),
        activeCalls: deps.engine.countActive((call) => call.isTraffic),
      };
    },
    stop(): void {
      arrival?.cancel();
      arrival = undefined;
      outgoing.stop();
    },
  };
}
