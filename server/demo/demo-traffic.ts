import type { Structure } from "@/server/pbx-simulator/structure";
import type { TrafficSettings } from "@/server/pbx-simulator/traffic";

// Calls to each kind of number, relative to each other: sales' city number rings most.
const KIND_WEIGHTS: Record<Structure["numbers"][number]["kind"], number> = {
  city: 3,
  tollfree: 2,
  mobile: 0.5,
};

/**
 * A healthy small sales team (measured in demo-traffic.test.ts: 10–20 % of incoming calls
 * missed, where the first demo had about 45 %): two calls a minute come in, talks last 15 s to
 * several minutes (about 75 s on average), a caller waits 50 s on average before giving up, the
 * employees place about 25 click-to-call calls an hour and call most missed callers back within
 * a few minutes.
 */
export function demoTrafficSettings(structure: Structure, callerPool: string[]): TrafficSettings {
  return {
    callsPerMinute: 2,
    answerRatio: 0.88,
    meanTalkSec: 75,
    minTalkSec: 15,
    meanPatienceSec: 50,
    outgoingPerMinute: 0.4,
    outgoingAnswerRatio: 0.7,
    callbackRatio: 0.7,
    meanCallbackSec: 150,
    numberWeights: Object.fromEntries(
      structure.numbers.map((n) => [n.number, KIND_WEIGHTS[n.kind]]),
    ),
    seed: 1,
    callerPool,
  };
}
