import { describe, expect, it } from "vitest";
import { planConversation } from "@/server/pbx-simulator/conversation";
import { renderConversationWav } from "@/server/pbx-simulator/wav";
import { analyzeRecordingAudio } from "@/server/talk-analytics/analyze";
import { computeStereoFigures } from "@/server/talk-analytics/metrics";
import { laneOf } from "@/server/talk-analytics/test-audio";

// What the simulator's plan says against what the detector hears in its recording. Per phrase
// the detector may start up to a frame late and hold on about 0.1 s after the end (and bridge
// pauses under 0.3 s): talk time is within PER_TURN_SEC per phrase, edges within EDGE_SEC.
const PER_TURN_SEC = 0.15;
const EDGE_SEC = 0.25;
const DURATION_SEC = 60;

describe("talk analytics of the simulator's calls", () => {
  for (const seed of ["sim-a", "sim-b", "sim-c"])
    it(`finds the planned figures in call ${seed}`, async () => {
      const plan = planConversation(DURATION_SEC * 1000, seed);
      const expected = computeStereoFigures(
        laneOf(plan.turns, 0),
        laneOf(plan.turns, 1),
        plan.durationMs,
      );
      const wav = renderConversationWav(DURATION_SEC, seed);
      const { channels, figures } = await analyzeRecordingAudio([() => Promise.resolve(wav)]);
      expect(channels).toBe(2);
      const turns = (party: string) => plan.turns.filter((t) => t.party === party).length;
      const sec = (ms: number | null) => (ms ?? 0) / 1000;
      const within = (actual: number | null, planned: number | null, tolerance: number) =>
        expect(Math.abs(sec(actual) - sec(planned))).toBeLessThanOrEqual(tolerance);
      within(figures.managerTalkMs, expected.managerTalkMs, PER_TURN_SEC * turns("manager"));
      within(figures.clientTalkMs, expected.clientTalkMs, PER_TURN_SEC * turns("client"));
      expect(figures.talkRatio).toBeCloseTo(expected.talkRatio ?? 0, 1);
      within(figures.firstWordsMs, expected.firstWordsMs, EDGE_SEC);
      within(figures.longestSilenceMs, expected.longestSilenceMs, EDGE_SEC);
      // Cut-ins and backchannels overlap by far more than the detector's edges move.
      expect(figures.overlapCount).toBe(expected.overlapCount);
      expect(figures.managerInterruptions).toBe(expected.managerInterruptions);
    });
});
