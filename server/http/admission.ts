// Admission control for the PBX's notifications. The PBX waits 3 s for a 2xx and then resends.
// Past the server's capacity, an unbounded queue makes every request wait longer than that: the
// server keeps working on requests the PBX has given up on, acknowledges nothing in time, and the
// resends pile on (the live bench went from 80 acknowledged per second to zero). With a gate, at
// most `concurrency` notifications are in the database at once, the rest wait in order, and one
// that has waited `maxWaitMs` is answered 503 at once so the PBX resends it later; the ones that
// are admitted still answer within the PBX's timeout. A parked call's callStarted is urgent: its
// route must reach the PBX within the 5 s park, so it goes before everything that waits.

export type AdmissionGate = {
  /**
   * Runs `work` when a slot is free; "shed" when it waited too long or the caller gave up.
   * `urgent` work (a parked call: the PBX waits 5 s for the route) goes before everything waiting.
   */
  run<T>(
    work: () => Promise<T>,
    opts?: { isAbandoned?: () => boolean; urgent?: boolean },
  ): Promise<T | "shed">;
  /** Waiting and running now, for diagnostics and tests. */
  stats(): { active: number; waiting: number; shed: number };
};

type Waiting = { enqueuedAt: number; start: () => void; shed: () => void };

/** First in, first out, O(1) at both ends. */
class Lane {
  private items: Array<Waiting | undefined> = [];
  private head = 0;
  get size() {
    return this.items.length - this.head;
  }
  push(entry: Waiting) {
    this.items.push(entry);
  }
  peek(): Waiting | undefined {
    return this.items[this.head];
  }
  take(): Waiting | undefined {
    const entry = this.items[this.head];
    if (!entry) return undefined;
    this.items[this.head++] = undefined;
    // Compact now and then so the array does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return entry;
  }
}

export function createAdmissionGate(opts: {
  concurrency: number;
  maxWaitMs: number;
  now?: () => number;
}): AdmissionGate {
  const now = opts.now ?? (() => performance.now());
  const urgentLane = new Lane();
  const lane = new Lane();
  let active = 0;
  let shedCount = 0;
  let sweeper: NodeJS.Timeout | undefined;

  const waiting = () => urgentLane.size + lane.size;
  const shedExpired = () => {
    const limit = now() - opts.maxWaitMs;
    for (const l of [urgentLane, lane])
      while (l.size > 0 && (l.peek()?.enqueuedAt ?? Infinity) < limit) l.take()?.shed();
  };
  const pump = () => {
    shedExpired();
    while (active < opts.concurrency && waiting() > 0)
      (urgentLane.size > 0 ? urgentLane : lane).take()?.start();
    if (waiting() === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };

  return {
    run<T>(
      work: () => Promise<T>,
      runOpts: { isAbandoned?: () => boolean; urgent?: boolean } = {},
    ): Promise<T | "shed"> {
      const { isAbandoned, urgent = false } = runOpts;
      return new Promise<T | "shed">((resolve, reject) => {
        const start = () => {
          if (isAbandoned?.()) {
            shedCount++;
            resolve("shed");
            queueMicrotask(pump);
            return;
          }
          active++;
          void (async () => {
            let outcome: { ok: true; value: T } | { ok: false; error: unknown };
            try {
              outcome = { ok: true, value: await work() };
            } catch (error) {
              outcome = { ok: false, error };
            }
            // The slot is free before the caller sees the result.
            active--;
            pump();
            if (outcome.ok) resolve(outcome.value);
            else
              reject(
                outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)),
              );
          })();
        };
        const shed = () => {
          shedCount++;
          resolve("shed");
        };
        if (active < opts.concurrency && waiting() === 0) return start();
        (urgent ? urgentLane : lane).push({ enqueuedAt: now(), start, shed });
        // Waiting requests are answered on time even when nothing finishes (a stalled database).
        sweeper ??= setInterval(pump, Math.max(10, opts.maxWaitMs / 4)).unref();
      });
    },
    stats: () => ({ active, waiting: waiting(), shed: shedCount }),
  };
}
