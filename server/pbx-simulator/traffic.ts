import { z } from "zod";
import type { CallEngine } from "./call-engine";
import type { CallRecord } from "./call-types";
import type { Clock, TimerHandle } from "./clock";
import type { SimulatorLog } from "./log";
import { createRandom, type Random } from "./random";
import type { Structure } from "./structure";

export const trafficSettingsSchema = z.object({
  callsPerMinute: z.number().min(0).max(60_000),
  answerRatio: z.number().min(0).max(1).default(0.8),
  meanTalkSec: z.number().min(1).max(3600).default(60),
  /** Mean ring before an employee answers (exponential); default 10–45 % of the ring timeout. */
  meanRingSec: z.number().min(0.01).max(600).optional(),
  seed: z.union([z.number(), z.string()]).optional(),
  callerPool: z.array(z.string().min(1).max(32)).max(100_000).optional(),
});

export type TrafficSettings = z.infer<typeof trafficSettingsSchema>;

export type TrafficStatus = {
  isRunning: boolean;
  callsPerMinute: number;
  answerRatio: number;
  meanTalkSec: number;
  meanRingSec: number | null;
  seed: number | string;
  callerPoolSize: number;
  generatedCalls: number;
  activeCalls: number;
};

type TrafficDeps = {
  engine: CallEngine;
  clock: Clock;
  structure: () => Structure;
  ringTimeoutMs: number;
  defaultSeed: number | string;
  log: SimulatorLog;
};

export type Traffic = ReturnType<typeof createTraffic>;

/**
 * Poisson arrivals of incoming calls. The simulated employees answer only generated calls (so a
 * person at /phones keeps full control of calls they start), with probability `answerRatio`
 * after a random ring, and the caller hangs up after an exponential talk time.
 */
export function createTraffic(deps: TrafficDeps) {
  let settings: TrafficSettings & { seed: number | string } = {
    callsPerMinute: 0,
    answerRatio: 0.8,
    meanTalkSec: 60,
    seed: deps.defaultSeed,
  };
  let random: Random = createRandom(deps.defaultSeed);
  let arrival: TimerHandle | undefined;
  let generatedCalls = 0;
  const hangups = new Map<string, TimerHandle>();

  function randomCaller(): string {
    const pool = settings.callerPool;
    if (pool && pool.length > 0) return random.pick(pool);
    return `+79${String(random.int(0, 999_999_999)).padStart(9, "0")}`;
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
        const to = random.pick(numbers).number;
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

  function onDelivered(call: CallRecord): void {
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
    const talkSec = Math.min(random.exponential(settings.meanTalkSec), settings.meanTalkSec * 10);
    hangups.get(call.callId)?.cancel();
    const timer = deps.clock.setTimer(Math.max(1, talkSec) * 1000, () => {
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
    if (event === "delivered") onDelivered(call);
    else if (event === "answered") onAnswered(call);
    else if (event === "ended") {
      hangups.get(call.callId)?.cancel();
      hangups.delete(call.callId);
    }
  });

  return {
    configure(next: TrafficSettings): TrafficStatus {
      arrival?.cancel();
      arrival = undefined;
      const seed = next.seed ?? settings.seed;
      settings = { ...next, seed };
      random = createRandom(seed);
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
        seed: settings.seed,
        callerPoolSize: settings.callerPool?.length ?? 0,
        generatedCalls,
        activeCalls: deps.engine.countActive((call) => call.isTraffic),
      };
    },
    stop(): void {
      arrival?.cancel();
      arrival = undefined;
    },
  };
}
