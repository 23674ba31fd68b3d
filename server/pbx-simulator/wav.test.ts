import { describe, expect, it } from "vitest";
import { createRandom } from "@/server/pbx-simulator/random";
import { splitDurations } from "@/server/pbx-simulator/recordings";
import { conversationTurns } from "@/server/pbx-simulator/conversation";
import { renderConversationWav, SAMPLE_RATE, wavSizeBytes } from "@/server/pbx-simulator/wav";

type WavInfo = {
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
  samples: Int16Array;
};

/** A minimal independent RIFF/WAVE reader: walks the chunks instead of trusting offset 44. */
export function parseWav(buffer: Buffer): WavInfo {
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

function rms(samples: Int16Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
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

  it("puts the manager on the left and the client on the right, each speaking in their turns", () => {
    const turns = conversationTurns(60, "seed-c");
    expect(turns[0]?.channel).toBe(0); // the manager greets first
    expect(turns.some((t) => t.channel === 1)).toBe(true);
    const { samples } = parseWav(renderConversationWav(60, "seed-c"));
    const channel = (c: number, from: number, to: number) => {
      const out = new Int16Array(Math.round((to - from) * SAMPLE_RATE));
      for (let i = 0; i < out.length; i++)
        out[i] = samples[(Math.round(from * SAMPLE_RATE) + i) * 2 + c] ?? 0;
      return out;
    };
    for (const turn of turns.slice(0, 6)) {
      // Inside a turn the speaker's channel is loud; the quiet 0.3 s before the first is noise.
      const middle = (turn.startSec + turn.endSec) / 2;
      expect(rms(channel(turn.channel, middle - 0.1, middle + 0.1))).toBeGreaterThan(1000);
    }
    const first = turns[0]?.startSec ?? 1;
    expect(rms(channel(0, 0, Math.min(0.3, first)))).toBeLessThan(100);
    expect(rms(channel(1, 0, Math.min(0.3, first)))).toBeLessThan(100);
  });

  it("sounds like speech: loud bursts with quiet pauses between them", () => {
    const { samples } = parseWav(renderConversationWav(20, "seed-b"));
    expect(rms(samples)).toBeGreaterThan(800);
    const window = SAMPLE_RATE / 20; // 50 ms
    const levels: number[] = [];
    for (let i = 0; i + window <= samples.length; i += window)
      levels.push(rms(samples, i, i + window));
    expect(levels.filter((level) => level < 100).length).toBeGreaterThan(levels.length * 0.05);
    expect(levels.filter((level) => level > 1500).length).toBeGreaterThan(levels.length * 0.3);
    let peak = 0;
    for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
    expect(peak).toBeLessThan(32767); // no clipping
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
