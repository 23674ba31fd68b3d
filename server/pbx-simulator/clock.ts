// Time is injected so tests can use a manual clock (token expiry) or tiny real timeouts
// instead of the PBX's multi-second park and ring windows.

export type TimerHandle = { cancel(): void };

export type Clock = {
  now(): number;
  setTimer(delayMs: number, callback: () => void): TimerHandle;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, callback) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(timer) };
  },
};

export type ManualClock = Clock & {
  /** Moves time forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void;
  pendingTimers(): number;
};

export function createManualClock(startMs = Date.UTC(2025, 0, 15, 9, 0, 0)): ManualClock {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { dueAt: number; callback: () => void }>();
  return {
    now: () => now,
    setTimer(delayMs, callback) {
      const id = ++seq;
      timers.set(id, { dueAt: now + Math.max(0, delayMs), callback });
      return { cancel: () => timers.delete(id) };
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let nextId: number | undefined;
        let nextDue = Infinity;
        for (const [id, timer] of timers) {
          if (timer.dueAt <= target && timer.dueAt < nextDue) {
            nextId = id;
            nextDue = timer.dueAt;
          }
        }
        const timer = nextId === undefined ? undefined : timers.get(nextId);
        if (nextId === undefined || !timer) break;
        timers.delete(nextId);
        now = timer.dueAt;
        timer.callback();
      }
      now = target;
    },
    pendingTimers: () => timers.size,
  };
}

export type TimerScope = Clock & { cancelAll(): void };

/** Tracks every timer started through it so close() can cancel them all at once. */
export function createTimerScope(clock: Clock): TimerScope {
  const live = new Set<TimerHandle>();
  return {
    now: () => clock.now(),
    setTimer(delayMs, callback) {
      const handle: TimerHandle = clock.setTimer(delayMs, () => {
        live.delete(wrapper);
        callback();
      });
      const wrapper: TimerHandle = {
        cancel: () => {
          live.delete(wrapper);
          handle.cancel();
        },
      };
      live.add(wrapper);
      return wrapper;
    },
    cancelAll() {
      for (const handle of [...live]) handle.cancel();
    },
  };
}
