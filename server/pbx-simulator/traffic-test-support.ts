// Runs generated traffic on a simulator with a manual clock: hours of calls in a second. Pult's
// part is played by a short park timeout: like Pult without routing rules, every parked call
// goes on the number's standard route at once.
import type { CallRecord } from "@/server/pbx-simulator/call-types";
import { createManualClock } from "@/server/pbx-simulator/clock";
import { startSimulator } from "@/server/pbx-simulator/simulator";
import type { TrafficSettings, TrafficStatus } from "@/server/pbx-simulator/traffic";

export type TrafficRun = { calls: CallRecord[]; status: TrafficStatus; startedAt: number };

export async function runTraffic(
  settings: TrafficSettings,
  minutes: number,
  options: { afterMinute?: (minute: number) => void } = {},
): Promise<TrafficRun> {
  const clock = createManualClock();
  const sim = await startSimulator({
    clientId: "traffic",
    clientSecret: "traffic-secret-0123456789",
    login: "l",
    password: "p",
    clock,
    parkTimeoutMs: 100,
  });
  try {
    const response = await fetch(`${sim.url}/control/traffic`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(settings),
    });
    if (!response.ok) throw new Error(`traffic settings refused: ${await response.text()}`);
    const startedAt = clock.now();
    for (let minute = 1; minute <= minutes; minute++) {
      clock.advance(60_000);
      options.afterMinute?.(minute);
    }
    return { calls: sim.state.calls(), status: sim.state.traffic(), startedAt };
  } finally {
    await sim.close();
  }
}

/** Ended generated incoming calls that started within the first `minutes`, and the missed share. */
export function missedShare(run: TrafficRun, minutes = Infinity) {
  const incoming = run.calls.filter(
    (c) =>
      c.direction === "incoming" &&
      c.state === "ended" &&
      Date.parse(c.startedAt) < run.startedAt + minutes * 60_000,
  );
  const missed = incoming.filter((c) => c.result !== "answered").length;
  return { incoming: incoming.length, missed, share: missed / incoming.length };
}
