import { createRandom, type Random } from "@/server/pbx-simulator/random";

// Telephone quality, as PBX recordings usually are: PCM, 8 kHz, mono, 16-bit.
export const SAMPLE_RATE = 8000;
const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;
const FULL_SCALE = 32767;

export function wavSizeBytes(durationSec: number): number {
  return HEADER_BYTES + Math.round(durationSec * SAMPLE_RATE) * BYTES_PER_SAMPLE;
}

function writeHeader(buffer: Buffer, dataBytes: number): void {
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write("WAVE", 8, "ascii");
  buffer.write("fmt ", 12, "ascii");
  buffer.writeUInt32LE(16, 16); // fmt chunk size for PCM
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(SAMPLE_RATE, 24);
  buffer.writeUInt32LE(SAMPLE_RATE * BYTES_PER_SAMPLE, 28); // byte rate
  buffer.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write("data", 36, "ascii");
  buffer.writeUInt32LE(dataBytes, 40);
}

type Voice = { pitchHz: number; loudness: number };

/** One talk spurt: a voiced tone with harmonics, a pitch glide and syllable-rate amplitude. */
function writeBurst(
  buffer: Buffer,
  start: number,
  length: number,
  voice: Voice,
  random: Random,
): void {
  const harmonics = [1, 0.5, 0.3, 0.15];
  const norm = 1 / harmonics.reduce((sum, a) => sum + a, 0);
  const glide = 0.85 + random.next() * 0.3;
  const syllableHz = 3.5 + random.next() * 2.5;
  const ramp = Math.min(160, Math.floor(length / 4)); // 20 ms fade in/out avoids clicks
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const progress = i / length;
    const pitch = voice.pitchHz * (1 + (glide - 1) * progress);
    phase += (2 * Math.PI * pitch) / SAMPLE_RATE;
    let value = 0;
    for (let h = 0; h < harmonics.length; h++)
      value += (harmonics[h] ?? 0) * Math.sin(phase * (h + 1));
    const syllable = 0.55 - 0.45 * Math.cos((2 * Math.PI * syllableHz * i) / SAMPLE_RATE);
    const edge = Math.min(1, i / ramp, (length - i) / ramp);
    const sample = value * norm * syllable * edge * voice.loudness * FULL_SCALE;
    buffer.writeInt16LE(Math.round(sample), HEADER_BYTES + (start + i) * BYTES_PER_SAMPLE);
  }
}

/** A faint noise floor: real line silence is never digital zero. */
function writeSilence(buffer: Buffer, start: number, length: number, random: Random): void {
  for (let i = 0; i < length; i++) {
    const sample = Math.round((random.next() - 0.5) * 60);
    buffer.writeInt16LE(sample, HEADER_BYTES + (start + i) * BYTES_PER_SAMPLE);
  }
}

/**
 * A deterministic "conversation": two voices taking turns in speech-like bursts separated by
 * short pauses. Same seed and duration → byte-identical file, so files can be re-rendered on
 * demand instead of being kept in memory.
 */
export function renderConversationWav(durationSec: number, seed: number | string): Buffer {
  const totalSamples = Math.round(durationSec * SAMPLE_RATE);
  const dataBytes = totalSamples * BYTES_PER_SAMPLE;
  const buffer = Buffer.alloc(HEADER_BYTES + dataBytes);
  writeHeader(buffer, dataBytes);
  const random = createRandom(seed);
  const voices: Voice[] = [
    { pitchHz: 105 + random.next() * 30, loudness: 0.3 + random.next() * 0.1 },
    { pitchHz: 190 + random.next() * 40, loudness: 0.3 + random.next() * 0.1 },
  ];
  let position = 0;
  let speaker = 0;
  while (position < totalSamples) {
    const burst = Math.min(totalSamples - position, random.int(2000, 11000));
    const voice = voices[speaker] ?? voices[0];
    if (voice) writeBurst(buffer, position, burst, voice, random);
    position += burst;
    const pause = Math.min(totalSamples - position, random.int(500, 4000));
    writeSilence(buffer, position, pause, random);
    position += pause;
    if (random.next() < 0.35) speaker = 1 - speaker;
  }
  return buffer;
}
