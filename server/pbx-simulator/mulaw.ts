// G.711 μ-law, the telephone's own 8-bit encoding: the committed speech clips are stored in it,
// half the size of 16-bit PCM, and decoding is a table lookup (no codec dependency).
const BIAS = 0x84;
const CLIP = 32635;
const WAVE_FORMAT_MULAW = 7;

export const CLIP_SAMPLE_RATE = 8000;

export function encodeMulaw(sample: number): number {
  let value = Math.round(sample);
  const sign = value < 0 ? 0x80 : 0;
  value = Math.min(CLIP, Math.abs(value)) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

const DECODE = Int16Array.from({ length: 256 }, (_, byte) => {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << ((u >> 4) & 0x07)) - BIAS;
  return u & 0x80 ? -magnitude : magnitude;
});

export function decodeMulaw(byte: number): number {
  return DECODE[byte & 0xff] ?? 0;
}

/** A mono 8 kHz μ-law WAV (fmt with cbSize, and the fact chunk non-PCM files must carry). */
export function encodeMulawWav(samples: Int16Array): Buffer {
  const header = 12 + 26 + 12 + 8;
  const buffer = Buffer.alloc(header + samples.length + (samples.length % 2));
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(buffer.length - 8, 4);
  buffer.write("WAVE", 8, "ascii");
  buffer.write("fmt ", 12, "ascii");
  buffer.writeUInt32LE(18, 16);
  buffer.writeUInt16LE(WAVE_FORMAT_MULAW, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(CLIP_SAMPLE_RATE, 24);
  buffer.writeUInt32LE(CLIP_SAMPLE_RATE, 28); // byte rate: one byte per sample
  buffer.writeUInt16LE(1, 32); // block align
  buffer.writeUInt16LE(8, 34);
  buffer.writeUInt16LE(0, 36); // cbSize
  buffer.write("fact", 38, "ascii");
  buffer.writeUInt32LE(4, 42);
  buffer.writeUInt32LE(samples.length, 46);
  buffer.write("data", 50, "ascii");
  buffer.writeUInt32LE(samples.length, 54);
  for (let i = 0; i < samples.length; i++) buffer[header + i] = encodeMulaw(samples[i] ?? 0);
  return buffer;
}

/** Samples of a clip written by encodeMulawWav; anything else is refused. */
export function decodeMulawWav(buffer: Buffer): Int16Array {
  if (buffer.toString("ascii", 0, 4) !== "RIFF" || buffer.toString("ascii", 8, 12) !== "WAVE")
    throw new Error("Not a WAV file");
  let offset = 12;
  let isMulaw = false;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString("ascii", offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ")
      isMulaw =
        buffer.readUInt16LE(body) === WAVE_FORMAT_MULAW &&
        buffer.readUInt16LE(body + 2) === 1 &&
        buffer.readUInt32LE(body + 4) === CLIP_SAMPLE_RATE;
    if (id === "data") {
      if (!isMulaw) throw new Error("Not a mono 8 kHz μ-law WAV");
      const end = Math.min(buffer.length, body + size);
      return Int16Array.from(buffer.subarray(body, end), (byte) => decodeMulaw(byte));
    }
    offset = body + size + (size % 2);
  }
  throw new Error("No data chunk");
}

// Speech is where a 10 ms frame's RMS is over this (about -40 dBFS); the clips are normalised
// far above it and the simulator's line noise stays far below.
export const SPEECH_RMS = 300;
const FRAME = CLIP_SAMPLE_RATE / 100;

export type SpeechExtent = {
  durationMs: number;
  /** First and last loud 10 ms frame (start of the first, end of the last). */
  speechStartMs: number;
  speechEndMs: number;
  /** The longest quiet run between them. */
  longestPauseMs: number;
};

export function frameLevels(samples: Int16Array): number[] {
  const levels: number[] = [];
  for (let from = 0; from < samples.length; from += FRAME) {
    const to = Math.min(samples.length, from + FRAME);
    let sum = 0;
    for (let i = from; i < to; i++) sum += (samples[i] ?? 0) ** 2;
    levels.push(Math.sqrt(sum / (to - from)));
  }
  return levels;
}

/** Where the speech is in an 8 kHz clip, measured in 10 ms frames. */
export function measureSpeech(samples: Int16Array): SpeechExtent {
  const loud = frameLevels(samples).map((level) => level >= SPEECH_RMS);
  const first = loud.indexOf(true);
  const last = loud.lastIndexOf(true);
  let longestPause = 0;
  let run = 0;
  for (let f = first; f >= 0 && f <= last; f++) {
    run = loud[f] ? 0 : run + 1;
    longestPause = Math.max(longestPause, run);
  }
  const durationMs = Math.round((samples.length / CLIP_SAMPLE_RATE) * 1000);
  return {
    durationMs,
    speechStartMs: first < 0 ? 0 : first * 10,
    speechEndMs: last < 0 ? 0 : Math.min(durationMs, (last + 1) * 10),
    longestPauseMs: longestPause * 10,
  };
}
