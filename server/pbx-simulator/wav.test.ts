import { describe, expect, it } from "vitest";
import { planConversation, type PlannedTurn } from "@/server/pbx-simulator/conversation";
import { SPEECH_RMS } from "@/server/pbx-simulator/mulaw";
import { createRandom } from "@/server/pbx-simulator/random";
import { splitDurations } from "@/server/pbx-simulator/recordings";
import {
  renderConversationWav,
  renderPlanWav,
  SAMPLE_RATE,
  wavSizeBytes,
} from "@/server/pbx-simulator/wav";

type WavInfo = {
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
  samples: Int16Array;
};

/** A minimal independent RIFF/WAVE reader: walks the chunks instead of trusting offset 44. */
function parseWav(buffer: Buffer): WavInfo {
  expect(buffer.toString("ascii", 0, 4)).toBe("RIFF");
  expect(buffer.readUInt32LE(4)).toBe(buffer.length - 8);
  expect(buffer.toString("ascii", 8, 12)).toBe("WAVE");
  let offset = 12;
  let fmt: Omit<WavInfo, "samples"> | undefined;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString("ascii", offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      fmt = {
        format: buffer.readUInt16LE(body),
        channels: buffer.readUInt16LE(body + 2),
        sampleRate: buffer.readUInt32LE(body + 4),
        bits: buffer.readUInt16LE(body + 14),
      };
      expect(buffer.readUInt32LE(body + 8)).toBe(fmt.sampleRate * fmt.channels * (fmt.bits / 8));
    }
    if (id === "data") {
      if (!fmt) throw new Error("data before fmt");
      expect(body + size).toBe(buffer.length);
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(body + i * 2);
      return { ...fmt, samples };
    }
    offset = body + size;
  }
  throw new Error("no data chunk");
}

// Speech is checked in 10 ms frames against the plan, with this tolerance at each edge: the
// plan's times are the clips' first and last loud 10 ms frames, which need not line up with the
// recording's frames, and a clip keeps up to 20 ms of quiet lead-in and tail.
const EDGE_MS = 20;
// Line noise is about 17 RMS; the parties' levels are 0.75–1 of the clips'.
const QUIET_RMS = 60;
const LOUD_RMS = SPEECH_RMS * 0.7;

function channelLevels(samples: Int16Array, channel: number): number[] {
  const frame = SAMPLE_RATE / 100;
  const frames = samples.length / 2;
  const levels: number[] = [];
  for (let from = 0; from + frame <= frames; from += frame) {
    let sum = 0;
    for (let i = from; i < from + frame; i++) sum += (samples[i * 2 + channel] ?? 0) ** 2;
    levels.push(Math.sqrt(sum / frame));
  }
  return levels;
}

/** Each channel is loud where its planned turns are and quiet everywhere else. */
function expectSpeechAsPlanned(wav: Buffer, turns: PlannedTurn[], fromMs = 0): void {
  const { samples } = parseWav(wav);
  for (const channel of [0, 1]) {
    const levels = channelLevels(samples, channel);
    const lengthMs = levels.length * 10;
    const own = turns
      .filter((t) => t.channel === channel)
      .map((t) => ({ start: t.startMs - fromMs, end: t.endMs - fromMs, isCut: t.isCut }))
      .filter(({ start, end }) => end > 0 && start < lengthMs);
    const isNear = (at: number) =>
      own.some(({ start, end }) => at + 10 > start - EDGE_MS && at < end + EDGE_MS);
    for (const [f, level] of levels.entries())
      if (!isNear(f * 10))
        expect(level, `channel ${channel} at ${f * 10} ms`).toBeLessThan(QUIET_RMS);
    for (const { start, end, isCut } of own) {
      const inside = levels.slice(Math.max(0, Math.floor(start / 10)), Math.ceil(end / 10));
      // Loud at both edges, and loud for most of the turn (its pauses are under 250 ms).
      const loudAt = (at: number) =>
        levels
          .slice(Math.max(0, Math.floor((at - EDGE_MS) / 10)), Math.ceil((at + EDGE_MS) / 10))
          .some((level) => level >= LOUD_RMS);
      if (start >= 0) expect(loudAt(start), `channel ${channel} starts at ${start} ms`).toBe(true);
      // A phrase cut off by the hang-up may stop in one of its pauses.
      if (end <= lengthMs && !isCut) expect(loudAt(end - 10), `ends at ${end} ms`).toBe(true);
      const loud = inside.filter((level) => level >= LOUD_RMS).length;
      expect(loud).toBeGreaterThan(inside.length * 0.5);
    }
  }
}

describe("recording audio", () => {
  it("is PCM 8 kHz stereo 16-bit with exactly duration × rate frames", () => {
    const wav = renderConversationWav(7, "seed-a");
    const info = parseWav(wav);
    expect(info).toMatchObject({ format: 1, channels: 2, sampleRate: 8000, bits: 16 });
    expect(info.samples.length).toBe(7 * SAMPLE_RATE * 2);
    expect(wav.length).toBe(wavSizeBytes(7));
    expect(wav.length - 44).toBe(7 * 8000 * 2 * 2);
  });

  it("has the manager's speech on the left and the client's on the right exactly as planned", () => {
    for (const seed of ["seed-c", "seed-d", "seed-e"]) {
      const plan = planConversation(60_000, seed);
      expect(plan.turns.some((t) => t.channel === 1)).toBe(true);
      expectSpeechAsPlanned(renderConversationWav(60, seed), plan.turns);
    }
  });

  it("renders a window of a conversation, as a split recording's later file", () => {
    const plan = planConversation(90_000, "split-window");
    const wav = renderPlanWav(plan.turns, { fromMs: 45_000, durationMs: 45_000, seed: "w" });
    expect(wav.length).toBe(wavSizeBytes(45));
    expectSpeechAsPlanned(wav, plan.turns, 45_000);
  });

  it("is line noise alone where nobody speaks, and never clips", () => {
    const { samples } = parseWav(renderPlanWav([], { durationMs: 2000, seed: "quiet" }));
    expect(Math.max(...channelLevels(samples, 0), ...channelLevels(samples, 1))).toBeLessThan(
      QUIET_RMS,
    );
    const loud = parseWav(renderConversationWav(30, "seed-b")).samples;
    let peak = 0;
    for (const sample of loud) peak = Math.max(peak, Math.abs(sample));
    expect(peak).toBeGreaterThan(8000);
    expect(peak).toBeLessThan(32767);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(renderConversationWav(3, "x").equals(renderConversationWav(3, "x"))).toBe(true);
    expect(renderConversationWav(3, "x").equals(renderConversationWav(3, "y"))).toBe(false);
  });

  it("splits only long talks, and the parts add up to the talk time", () => {
    const random = createRandom("split");
    expect(splitDurations(120, random)).toEqual([120]);
    const splits = Array.from({ length: 40 }, () => splitDurations(301, random));
    for (const parts of splits) expect(parts.reduce((a, b) => a + b, 0)).toBe(301);
    expect(splits.some((parts) => parts.length === 1)).toBe(true);
    expect(splits.some((parts) => parts.length === 3)).toBe(true);
  });
});
