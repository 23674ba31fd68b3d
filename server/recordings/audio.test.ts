import { describe, expect, it } from "vitest";
import { renderConversationWav } from "@/server/pbx-simulator/wav";
import {
  analyzeAudio,
  analyzeMp3,
  analyzeWav,
  decodeAlaw,
  decodeMulaw,
  parseMpegHeader,
  sniffAudioFormat,
} from "@/server/recordings/audio";

function wav(samples: number[], opts: { rate?: number; bits?: 8 | 16; encoding?: number } = {}) {
  const rate = opts.rate ?? 8000;
  const bits = opts.bits ?? 16;
  const bytes = bits / 8;
  const data = Buffer.alloc(samples.length * bytes);
  samples.forEach((s, i) => {
    if (bits === 16) data.writeInt16LE(Math.round(s * 32767), i * 2);
    else data.writeUInt8(opts.encoding === 7 ? s : Math.round(s * 127 + 128), i);
  });
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(opts.encoding ?? 1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * bytes, 28);
  header.writeUInt16LE(bytes, 32);
  header.writeUInt16LE(bits, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono, no CRC: 417/418-byte frames of 1152 samples.
function mp3Frame(globalGain: number, bigValues: number, padding = 0): Buffer {
  const length = Math.floor((144 * 128000) / 44100) + padding;
  const frame = Buffer.alloc(length);
  frame[0] = 0xff;
  frame[1] = 0xfb; // MPEG-1, Layer III, no CRC
  frame[2] = 0x90 | (padding << 1); // 128 kbit/s, 44.1 kHz
  frame[3] = 0xc0; // mono
  // Side info (mono MPEG-1): main_data_begin 9, private 5, scfsi 4, then per granule 59 bits,
  // of which part2_3_length 12, big_values 9, global_gain 8.
  const bits: number[] = [];
  const push = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  push(0, 18);
  for (let granule = 0; granule < 2; granule++) {
    push(100, 12);
    push(bigValues, 9);
    push(globalGain, 8);
    push(0, 30);
  }
  bits.forEach((bit, i) => {
    if (bit) frame[4 + (i >> 3)] = (frame[4 + (i >> 3)] ?? 0) | (0x80 >> (i & 7));
  });
  return frame;
}

describe("sniffAudioFormat", () => {
  it("recognises WAV, MP3 (with and without ID3), Ogg and FLAC by their bytes", () => {
    expect(sniffAudioFormat(wav([0, 0.5, -0.5, 0]))).toBe("wav");
    expect(sniffAudioFormat(Buffer.concat([mp3Frame(150, 10), mp3Frame(150, 10)]))).toBe("mp3");
    expect(sniffAudioFormat(Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00rest-of-file"))).toBe(
      "mp3",
    );
    expect(sniffAudioFormat(Buffer.from("OggS\x00\x02\x00\x00\x00\x00\x00\x00"))).toBe("ogg");
    expect(sniffAudioFormat(Buffer.from("fLaC\x00\x00\x00\x22\x10\x00\x10\x00"))).toBe("flac");
  });

  it("refuses error pages, JSON, empty and random bytes", () => {
    expect(sniffAudioFormat(Buffer.from("<!DOCTYPE html><html><body>502 Bad Gateway"))).toBeNull();
    expect(sniffAudioFormat(Buffer.from('{"error":"invalid_token","x":1}'))).toBeNull();
    expect(sniffAudioFormat(Buffer.alloc(0))).toBeNull();
    // One frame-sync-looking header followed by garbage is not an MP3.
    const fake = Buffer.concat([mp3Frame(150, 10).subarray(0, 4), Buffer.alloc(600, 0x41)]);
    expect(sniffAudioFormat(fake)).toBeNull();
    expect(analyzeAudio(Buffer.from("<html>Not found</html>........."))).toBeNull();
  });
});

describe("analyzeWav", () => {
  it("measures duration from the data chunk and the byte rate", () => {
    const file = renderConversationWav(7, "seed");
    const info = analyzeWav(file);
    expect(info.format).toBe("wav");
    expect(info.durationSec).toBeCloseTo(7, 5);
    expect(info.peaks).toHaveLength(70);
  });

  it("draws loud parts high and silence low, within 0..1", () => {
    const rate = 8000;
    const loud = Array.from({ length: rate }, (_, i) => 0.8 * Math.sin(i / 3));
    const quiet = Array.from({ length: rate }, () => 0);
    const info = analyzeWav(wav([...loud, ...quiet], { rate }));
    expect(info.durationSec).toBe(2);
    const peaks = info.peaks ?? [];
    expect(peaks).toHaveLength(20);
    expect(Math.min(...peaks.slice(0, 10))).toBeGreaterThan(0.7);
    expect(Math.max(...peaks.slice(10))).toBe(0);
    expect(peaks.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it("skips chunks before data and reads 8-bit and μ-law files", () => {
    const base = wav([0.5, -0.5, 0.25, 0], { bits: 8 });
    const list = Buffer.alloc(12);
    list.write("LIST", 0, "ascii");
    list.writeUInt32LE(4, 4);
    list.write("INFO", 8, "ascii");
    const withList = Buffer.concat([base.subarray(0, 36), list, base.subarray(36)]);
    const info = analyzeWav(withList);
    expect(info.durationSec).toBeCloseTo(4 / 8000, 8);
    expect(Math.max(...(info.peaks ?? []))).toBeGreaterThan(0.45);
    const mulaw = analyzeWav(wav([0x00, 0x80, 0xff, 0x7f], { bits: 8, encoding: 7 }));
    expect(mulaw.durationSec).toBeCloseTo(4 / 8000, 8);
    expect(Math.max(...(mulaw.peaks ?? []))).toBeGreaterThan(0.9);
  });

  it("decodes G.711 extremes", () => {
    expect(decodeMulaw(0xff)).toBe(0);
    expect(decodeMulaw(0x00)).toBeCloseTo(-32124 / 32768, 4);
    expect(decodeAlaw(0xd5)).toBeCloseTo(8 / 32768, 6);
    expect(Math.abs(decodeAlaw(0x2a))).toBeCloseTo(32256 / 32768, 4);
  });
});

describe("analyzeMp3", () => {
  it("parses frame headers (bitrate, rate, padding)", () => {
    const header = parseMpegHeader(mp3Frame(150, 10, 1), 0);
    expect(header).toMatchObject({ sampleRate: 44100, samples: 1152, layer: 3, channels: 1 });
    expect(header?.frameLength).toBe(418);
  });

  it("sums frame durations and approximates the waveform from global gain", () => {
    const frames: Buffer[] = [];
    // ~2 s: 77 frames of 1152 samples at 44.1 kHz; loud first half, silent second half.
    for (let i = 0; i < 77; i++) frames.push(i < 38 ? mp3Frame(200, 200) : mp3Frame(120, 0));
    const info = analyzeMp3(Buffer.concat(frames));
    expect(info.durationSec).toBeCloseTo((77 * 1152) / 44100, 6);
    const peaks = info.peaks ?? [];
    expect(peaks.length).toBe(20);
    expect(Math.max(...peaks)).toBe(1);
    expect(peaks[0]).toBe(1);
    expect(peaks.at(-1)).toBe(0);
  });
});
