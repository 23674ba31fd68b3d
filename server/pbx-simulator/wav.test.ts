import { describe, expect, it } from "vitest";
import { createRandom } from "@/server/pbx-simulator/random";
import { splitDurations } from "@/server/pbx-simulator/recordings";
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
  it("is PCM 8 kHz mono 16-bit with exactly duration × rate samples", () => {
    const wav = renderConversationWav(7, "seed-a");
    const info = parseWav(wav);
    expect(info).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, bits: 16 });
    expect(info.samples.length).toBe(7 * SAMPLE_RATE);
    expect(wav.length).toBe(wavSizeBytes(7));
    expect(wav.length - 44).toBe(7 * 8000 * 2);
  });

  it("sounds like speech: loud bursts with quiet pauses between them", () => {
    const { samples } = parseWav(renderConversationWav(20, "seed-b"));
    expect(rms(samples)).toBeGreaterThan(1000);
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
