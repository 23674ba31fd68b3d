// How busy the live path is, for work that must yield to it (recording downloads). Kept apart
// from live-path.ts so low-priority work can wait on it without importing the live path.

type Holder = { __pultLivePressure?: { backlog: () => number; waiters: Set<() => void> } };
const holder = globalThis as unknown as Holder;
const state = () => (holder.__pultLivePressure ??= { backlog: () => 0, waiters: new Set() });

// Below this many notifications waiting to be stored or folded, the live path keeps up.
const QUIET_BELOW = 20;
// Low priority, not starved: under sustained load, work goes on after this long anyway.
const MAX_WAIT_MS = 2_000;

/** The live path reports its backlog through this (one reporter per process). */
export function reportLiveBacklog(backlog: () => number): void {
  state().backlog = backlog;
}

/** Called by the live path whenever its backlog shrinks. */
export function notifyLivePathProgress(): void {
  const s = state();
  if (s.waiters.size === 0 || s.backlog() >= QUIET_BELOW) return;
  for (const wake of [...s.waiters]) wake();
}

/** Resolves when the live path has (almost) nothing waiting, or after MAX_WAIT_MS. */
export function whenLivePathQuiet(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  const s = state();
  if (s.backlog() < QUIET_BELOW) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    s.waiters.add(done);
  });
}
