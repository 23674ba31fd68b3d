import { createRandom, type Random } from "@/server/pbx-simulator/random";
import { conversationTurns, type Turn } from "@/server/pbx-simulator/conversation";

// Telephone quality, as PBX recordings usually are: PCM, 8 kHz, 16-bit, two channels — the
// manager (workplace) on the left (channel 0), the client on the right (channel 1).
export const SAMPLE_RATE = 8000;
export const CHANNELS = 2;
const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;
const FULL_SCALE = 32767;

export function wavSizeBytes(durationSec: number, sampleRate = SAMPLE_RATE): number {
  return HEADER_BYTES + Math.round(durationSec * sampleRate) * BYTES_PER_SAMPLE * CHANNELS;
}

function writeHeader(buffer: Buffer, dataBytes: number, sampleRate: number): void {
  const blockAlign = BYTES_PER_SAMPLE * CHANNELS;
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write("WAVE", 8, "ascii");
  buffer.write("fmt ", 12, "ascii");
  buffer.writeUInt32LE(16, 16); // fmt chunk size for PCM
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(CHANNELS, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * blockAlign, 28); // byte rate
  buffer.writeUInt16LE(blockAlign, 32);
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write("data", 36, "ascii");
  buffer.writeUInt32LE(dataBytes, 40);
}

type Voice = { pitchHz: number; loudness: number };

// A sine table: the simulator renders files on demand in the server's process, and a table
// lookup is several times cheaper than Math.sin for every harmonic of every sample.
const TABLE_SIZE = 4096;
const SINE = Float32Array.from({ length: TABLE_SIZE }, (_, i) =>
  Math.sin((2 * Math.PI * i) / TABLE_SIZE),
);

// Formants (Hz) of Russian vowels а, о, у, и, э, ы: each syllable gets one, so the spectrum
// moves the way a voice does rather than staying a fixed tone.
const VOWELS: Array<[number, number, number]> = [
  [700, 1200, 2600],
  [500, 900, 2500],
  [350, 800, 2300],
  [300, 2300, 3000],
  [450, 1900, 2600],
  [400, 1500, 2500],
];

function harmonicWeights(pitchHz: number, formants: [number, number, number], rate: number) {
  const count = Math.min(16, Math.floor((rate / 2 - 200) / pitchHz));
  const weights: number[] = [];
  for (let h = 1; h <= count; h++) {
    const f = h * pitchHz;
    let w = 0.15 / h; // glottal roll-off
    for (const [k, formant] of formants.entries()) {
      const width = 90 + 40 * k;
      w += (1 / (k + 1)) * Math.exp(-(((f - formant) / width) ** 2));
    }
    weights.push(w);
  }
  const norm = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / norm);
}

/** One talk spurt: voiced syllables (pitch contour, vowel formants) with consonant-like noise. */
function writeSpurt(
  channel: Float32Array,
  start: number,
  length: number,
  voice: Voice,
  random: Random,
  rate: number,
): void {
  let phase = 0;
  let at = 0;
  const glide = 0.85 + random.next() * 0.3;
  while (at < length) {
    const syllable = Math.min(length - at, Math.round(rate * (0.14 + random.next() * 0.14)));
    const weights = harmonicWeights(voice.pitchHz, random.pick(VOWELS), rate);
    const consonant = Math.round(syllable * 0.2);
    for (let i = 0; i < syllable; i++) {
      const progress = (at + i) / length;
      const pitch = voice.pitchHz * (1 + (glide - 1) * progress);
      phase = (phase + pitch / rate) % 1; // in periods
      let value = 0;
      if (i >= consonant) {
        for (let h = 0; h < weights.length; h++)
          value +=
            (weights[h] ?? 0) * (SINE[Math.floor(phase * (h + 1) * TABLE_SIZE) % TABLE_SIZE] ?? 0);
      } else {
        value = (random.next() - 0.5) * 0.35; // a fricative's noise
      }
      const envelope = Math.sin((Math.PI * i) / syllable) ** 0.6;
      const edge = Math.min(1, (at + i) / 160, (length - at - i) / 160); // 20 ms fades, no clicks
      const index = start + at + i;
      if (index < channel.length)
        channel[index] = (channel[index] ?? 0) + value * envelope * edge * voice.loudness * 2.2;
    }
    at += syllable;
  }
}

/**
 * A two-channel WAV in which each channel speaks exactly during its turns (seconds), over a
 * faint line noise (real silence is never digital zero). Same inputs → byte-identical file.
 */
export function renderTurnsWav(
  durationSec: number,
  turns: Turn[],
  seed: number | string,
  sampleRate = SAMPLE_RATE,
): Buffer {
  const frames = Math.round(durationSec * sampleRate);
  const random = createRandom(seed);
  const voices: Voice[] = [
    { pitchHz: 105 + random.next() * 30, loudness: 0.3 + random.next() * 0.1 },
    { pitchHz: 190 + random.next() * 40, loudness: 0.3 + random.next() * 0.1 },
  ];
  const channels = [new Float32Array(frames), new Float32Array(frames)];
  for (const turn of turns) {
    const target = channels[turn.channel];
    const voice = voices[turn.channel];
    const start = Math.round(turn.startSec * sampleRate);
    const length = Math.min(frames - start, Math.round((turn.endSec - turn.startSec) * sampleRate));
    if (target && voice && length > 0) writeSpurt(target, start, length, voice, random, sampleRate);
  }
  const dataBytes = frames * BYTES_PER_SAMPLE * CHANNELS;
  const buffer = Buffer.alloc(HEADER_BYTES + dataBytes);
  writeHeader(buffer, dataBytes, sampleRate);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < CHANNELS; c++) {
      const noise = (random.next() - 0.5) * 60;
      const value = (channels[c]?.[i] ?? 0) * FULL_SCALE + noise;
      const sample = Math.max(-FULL_SCALE, Math.min(FULL_SCALE, Math.round(value)));
      buffer.writeInt16LE(sample, HEADER_BYTES + (i * CHANNELS + c) * BYTES_PER_SAMPLE);
    }
  }
  return buffer;
}

/** A deterministic conversation of the given length (see conversationTurns). */
export function renderConversationWav(durationSec: number, seed: number | string): Buffer {
  return renderTurnsWav(durationSec, conversationTurns(durationSec, seed), seed);
}
