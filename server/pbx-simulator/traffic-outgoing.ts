import type { CallEngine } from "@/server/pbx-simulator/call-engine";
import type { CallRecord } from "@/server/pbx-simulator/call-types";
import type { Clock, TimerHandle } from "@/server/pbx-simulator/clock";
import type { SimulatorLog } from "@/server/pbx-simulator/log";
import type { Random } from "@/server/pbx-simulator/random";
import type { Structure } from "@/server/pbx-simulator/structure";

export type OutgoingSettings = {
  outgoingPerMinute: number;
  outgoingAnswerRatio: number;
  callbackRatio: number;
  meanCallbackSec: number;
};

type OutgoingDeps = {
  engine: CallEngine;
  clock: Clock;
  structure: () => Structure;
  /** How long an outside party rings before the PBX lets it pick up; null = never by itself. */
  remoteAnswerDelayMs: number | null;
  log: SimulatorLog;
};

// A callback waits for a free employee this long, and is given up after this many tries.
const BUSY_RETRY_MS = 45_000;
const MAX_CALLBACK_TRIES = 4;
const E164 = /^\+[1-9]\d{6,14}$/;

export type OutgoingTraffic = ReturnType<typeof createOutgoingTraffic>;

/**
 * The simulated employees' own calls: click-to-call to clients at a steady rate, and callbacks
 * of missed calls a few minutes later (which close Pult's callback tasks when the client picks
 * up). Employees pick up their own first leg at once; the client answers with
 * `outgoingAnswerRatio`, else declines while it rings.
 */
export function createOutgoingTraffic(deps: OutgoingDeps) {
  let settings: OutgoingSettings = {
    outgoingPerMinute: 0,
    outgoingAnswerRatio: 0.75,
    callbackRatio: 0,
    meanCallbackSec: 240,
  };
  let random: Random | undefined;
  let callerPool: readonly string[] = [];
  let arrival: TimerHandle | undefined;
  let nextArrivalAt = 0;
  let placed = 0;
  let callbacks = 0;
  // Callbacks waiting for their time; stop() drops them (answers already due still happen).
  const waitingCallbacks = new Set<TimerHandle>();
  // Callback calls in progress → the missed call's number, to try again if nobody picks up.
  const callbackTries = new Map<string, { to: string; tries: number; pbxNumber: string | null }>();

  function later(delayMs: number, action: () => void): void {
    deps.clock.setTimer(delayMs, action);
  }

  function callBackLater(delayMs: number, to: string, pbxNumber: string | null, tries: number) {
    const timer = deps.clock.setTimer(delayMs, () => {
      waitingCallbacks.delete(timer);
      callBack(to, pbxNumber, tries);
    });
    waitingCallbacks.add(timer);
  }

  function idleWorkplaces(preferred: readonly string[]): string[] {
    const occupied = new Set<string>();
    for (const call of deps.engine.list({ isActive: true })) {
      if (call.ringingWorkplaceId) occupied.add(call.ringingWorkplaceId);
      if (call.activeWorkplaceId) occupied.add(call.activeWorkplaceId);
      if (call.leg === "first" && call.workplaceId) occupied.add(call.workplaceId);
    }
    const all = deps.structure().workplaces.map((w) => w.id);
    const free = (ids: readonly string[]) => ids.filter((id) => !occupied.has(id));
    const first = free(preferred.filter((id) => all.includes(id)));
    return first.length > 0 ? first : free(all);
  }

  function place(to: string, preferred: readonly string[]): CallRecord | null {
    const rng = random;
    const free = idleWorkplaces(preferred);
    if (!rng || free.length === 0) return null;
    try {
      return deps.engine.makeCall({ workplaceId: rng.pick(free), to, isTraffic: true });
    } catch (error) {
      deps.log.warn("traffic: could not place an outgoing call", { error });
      return null;
    }
  }

  function randomClient(rng: Random): string {
    if (callerPool.length > 0) return rng.pick(callerPool);
    return `+79${String(rng.int(0, 999_999_999)).padStart(9, "0")}`;
  }

  function scheduleArrival(): void {
    const rng = random;
    if (!rng || settings.outgoingPerMinute <= 0) return;
    nextArrivalAt += rng.exponential(60_000 / settings.outgoingPerMinute);
    arrival = deps.clock.setTimer(Math.max(0, nextArrivalAt - deps.clock.now()), () => {
      // Nobody free: that employee simply calls later (the call is skipped, not queued).
      if (place(randomClient(rng), [])) placed++;
      scheduleArrival();
    });
  }

  function callBack(to: string, pbxNumber: string | null, tries: number): void {
    const rng = random;
    if (!rng || tries >= MAX_CALLBACK_TRIES) return;
    const route = deps.structure().numbers.find((n) => n.number === pbxNumber)?.workplaceIds;
    const call = place(to, route ?? []);
    if (!call) {
      callBackLater(BUSY_RETRY_MS, to, pbxNumber, tries + 1);
      return;
    }
    callbacks++;
    callbackTries.set(call.callId, { to, tries: tries + 1, pbxNumber });
  }

  return {
    configure(next: OutgoingSettings, rng: Random, pool: readonly string[]): void {
      arrival?.cancel();
      arrival = undefined;
      settings = next;
      random = rng;
      callerPool = pool;
      nextArrivalAt = deps.clock.now();
      scheduleArrival();
    },
    /** The employee's own phone rings first: they pick it up within a couple of seconds. */
    onDelivered(call: CallRecord): void {
      const workplaceId = call.ringingWorkplaceId;
      if (!random || workplaceId === null) return;
      later(1000 + 2000 * random.next(), () => {
        try {
          deps.engine.answer(call.callId, workplaceId);
        } catch {
          // The call ended meanwhile.
        }
      });
    },
    /** The client's phone rings: they pick up, or decline before the PBX connects them. */
    onDialing(call: CallRecord): void {
      const rng = random;
      if (!rng) return;
      const remoteDelay = deps.remoteAnswerDelayMs;
      if (rng.next() < settings.outgoingAnswerRatio) {
        if (remoteDelay === null) later(3000 + 3000 * rng.next(), () => answerRemote(call));
        return;
      }
      const declineMs = (remoteDelay ?? 6000) * (0.3 + 0.5 * rng.next());
      later(declineMs, () => {
        try {
          deps.engine.decline(call.callId);
        } catch {
          // Already answered or ended.
        }
      });
    },
    /** A missed incoming call may be called back; a callback nobody answered is tried again. */
    onEnded(call: CallRecord): void {
      const rng = random;
      if (!rng) return;
      if (call.direction === "incoming") {
        if (call.result !== "missed" && call.result !== "busy") return;
        if (!E164.test(call.from) || rng.next() >= settings.callbackRatio) return;
        const delayMs = Math.max(30_000, rng.exponential(settings.meanCallbackSec * 1000));
        callBackLater(delayMs, call.from, call.pbxNumber, 0);
        return;
      }
      const attempt = callbackTries.get(call.callId);
      callbackTries.delete(call.callId);
      if (!attempt || call.result === "answered") return;
      const delayMs = Math.max(30_000, rng.exponential(settings.meanCallbackSec * 1000));
      callBackLater(delayMs, attempt.to, attempt.pbxNumber, attempt.tries);
    },
    status() {
      return { generatedOutgoing: placed, callbacks };
    },
    stop(): void {
      arrival?.cancel();
      arrival = undefined;
      for (const timer of waitingCallbacks) timer.cancel();
      waitingCallbacks.clear();
    },
  };

  function answerRemote(call: CallRecord): void {
    try {
      deps.engine.answer(call.callId);
    } catch {
      // Already ended.
    }
  }
}
