import { afterEach, describe, expect, it, vi } from "vitest";
import { createAdmissionGate } from "./admission";

/** A unit of work that finishes when the test says so. */
function deferred() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("createAdmissionGate", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs up to `concurrency` at once and the rest in arrival order", async () => {
    const gate = createAdmissionGate({ concurrency: 2, maxWaitMs: 1000 });
    const jobs = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = jobs.map((job, i) =>
      gate.run(() => {
        started.push(i);
        return job.promise;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    expect(gate.stats()).toMatchObject({ active: 2, waiting: 2 });

    jobs[1]?.finish("b");
    await flush();
    expect(started).toEqual([0, 1, 2]);
    jobs[0]?.finish("a");
    jobs[2]?.finish("c");
    await flush();
    jobs[3]?.finish("d");
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect(gate.stats()).toEqual({ active: 0, waiting: 0, shed: 0 });
  });

  it("sheds what waited longer than maxWaitMs, even while nothing finishes", async () => {
    vi.useFakeTimers();
    let clock = 0;
    const gate = createAdmissionGate({ concurrency: 1, maxWaitMs: 100, now: () => clock });
    const stuck = deferred();
    const first = gate.run(() => stuck.promise);
    const late = gate.run(() => Promise.resolve("late"));
    clock = 50;
    const later = gate.run(() => Promise.resolve("later"));

    clock = 120; // `late` has waited 120 ms, `later` 70 ms
    await vi.advanceTimersByTimeAsync(30);
    expect(await late).toBe("shed");
    expect(gate.stats()).toMatchObject({ active: 1, waiting: 1, shed: 1 });

    stuck.finish("first");
    expect(await first).toBe("first");
    expect(await later).toBe("later");
    expect(gate.stats()).toEqual({ active: 0, waiting: 0, shed: 1 });
  });

  it("does not start work for a caller that has gone away", async () => {
    const gate = createAdmissionGate({ concurrency: 1, maxWaitMs: 1000 });
    const busy = deferred();
    const first = gate.run(() => busy.promise);
    let gone = false;
    const work = vi.fn(() => Promise.resolve("done"));
    const abandoned = gate.run(work, { isAbandoned: () => gone });
    gone = true;
    busy.finish("x");
    expect(await first).toBe("x");
    expect(await abandoned).toBe("shed");
    expect(work).not.toHaveBeenCalled();
    // The slot it did not take goes to the next one.
    expect(await gate.run(() => Promise.resolve("next"))).toBe("next");
  });

  it("passes a failure through and frees the slot", async () => {
    const gate = createAdmissionGate({ concurrency: 1, maxWaitMs: 1000 });
    const failing = deferred();
    const first = gate.run(() => failing.promise);
    const second = gate.run(() => Promise.resolve("ok"));
    failing.fail(new Error("database down"));
    await expect(first).rejects.toThrow("database down");
    expect(await second).toBe("ok");
  });
});

describe("urgent work", () => {
  it("goes before everything that waits, and in order among itself", async () => {
    const gate = createAdmissionGate({ concurrency: 1, maxWaitMs: 1000 });
    const busy = deferred();
    const order: string[] = [];
    const job = (name: string) => () => {
      order.push(name);
      return Promise.resolve(name);
    };
    const first = gate.run(() => busy.promise);
    const waiting = [
      gate.run(job("event 1")),
      gate.run(job("event 2")),
      gate.run(job("parked 1"), { urgent: true }),
      gate.run(job("event 3")),
      gate.run(job("parked 2"), { urgent: true }),
    ];
    busy.finish("x");
    await first;
    await Promise.all(waiting);
    expect(order).toEqual(["parked 1", "parked 2", "event 1", "event 2", "event 3"]);
  });
});
