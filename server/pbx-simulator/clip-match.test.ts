import { describe, expect, it } from "vitest";
import { identifyClips } from "@/server/pbx-simulator/clip-match";
import { planConversation, type PlannedTurn } from "@/server/pbx-simulator/conversation";
import { createRandom } from "@/server/pbx-simulator/random";
import { renderPlanWav } from "@/server/pbx-simulator/wav";

const HEADER = 44;

/** One channel of a rendered two-channel 16-bit WAV. */
function channelOf(wav: Buffer, channel: number): Int16Array {
  const frames = (wav.length - HEADER) / 4;
  return Int16Array.from({ length: frames }, (_, i) =>
    wav.readInt16LE(HEADER + i * 4 + channel * 2),
  );
}

const turnsOn = (turns: PlannedTurn[], channel: number, fromMs: number, toMs: number) =>
  turns.filter((t) => t.channel === channel && t.endMs > fromMs && t.startMs < toMs - 200);

describe("identifyClips", () => {
  it.each(["call-a", "call-b", "call-c"])(
    "finds every phrase of each channel, in order, at its planned time (%s)",
    (seed) => {
      const plan = planConversation(75_000, seed);
      const wav = renderPlanWav(plan.turns, { durationMs: plan.durationMs, seed });
      for (const channel of [0, 1]) {
        const expected = turnsOn(plan.turns, channel, 0, plan.durationMs);
        const found = identifyClips(channelOf(wav, channel));
        expect(found.map((f) => f.clipId)).toEqual(expected.map((t) => t.clipId));
        found.forEach((f, i) => {
          expect(Math.abs(f.startMs - (expected[i]?.startMs ?? 0))).toBeLessThanOrEqual(2);
          expect(f.score).toBeGreaterThan(0.9);
        });
      }
    },
  );

  it("recognises a phrase cut by the start of a split recording's later file", () => {
    const plan = planConversation(90_000, "split");
    const cut = plan.turns.find(
      (t) => t.channel === 0 && t.startMs > 20_000 && t.endMs - t.startMs > 2000,
    );
    if (!cut) throw new Error("no long manager phrase");
    const fromMs = cut.startMs + 800;
    const wav = renderPlanWav(plan.turns, { durationMs: 20_000, fromMs, seed: "split/1" });
    const found = identifyClips(channelOf(wav, 0));
    expect(found[0]?.clipId).toBe(cut.clipId);
    expect(found[0]?.startMs).toBe(0);
    // Only the words heard after the cut: the phrase's last words.
    const words = cut.text.split(/\s+/);
    expect(found[0]?.text.split(/\s+/).length).toBeLessThan(words.length);
    expect(cut.text.endsWith(found[0]?.text ?? "?")).toBe(true);
  });

  it("ignores sound that is no known phrase", () => {
    const random = createRandom("noise");
    const samples = Int16Array.from({ length: 8000 * 5 }, (_, i) =>
      i > 8000 && i < 24_000 ? Math.round((random.next() - 0.5) * 8000) : 0,
    );
    expect(identifyClips(samples)).toEqual([]);
  });
});
