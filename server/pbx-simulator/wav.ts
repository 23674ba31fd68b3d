import { planConversation, type PlannedTurn } from "@/server/pbx-simulator/conversation";
import { CLIP_SAMPLE_RATE } from "@/server/pbx-simulator/mulaw";
import { createRandom } from "@/server/pbx-simulator/random";
import { clipSamples, speechClip } from "@/server/pbx-simulator/speech-clips";

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

export type RenderWindow = {
  durationMs: number;
  /** Where in the conversation the file starts: a split recording's later parts. */
  fromMs?: number;
  /** Seeds the line noise and the parties' levels. */
  seed: number | string;
  sampleRate?: number;
};

// A cut-off phrase fades out over this instead of clicking.
const CUT_FADE_MS = 5;

/** Adds one turn's clip to its channel, resampled (linearly) when the file is not 8 kHz. */
function mixTurn(
  channel: Float32Array,
  turn: PlannedTurn,
  fromMs: number,
  rate: number,
  gain: number,
) {
  const clip = speechClip(turn.clipId);
  const samples = clipSamples(turn.clipId);
  const clipStartMs = turn.startMs - clip.speechStartMs;
  const playEndMs = turn.isCut ? turn.endMs : clipStartMs + clip.durationMs;
  const first = Math.max(0, Math.ceil(((clipStartMs - fromMs) * rate) / 1000));
  const end = Math.min(channel.length, Math.ceil(((playEndMs - fromMs) * rate) / 1000));
  for (let i = first; i < end; i++) {
    const atMs = fromMs + (i * 1000) / rate;
    const position = ((atMs - clipStartMs) * CLIP_SAMPLE_RATE) / 1000;
    const k = Math.floor(position);
    const fraction = position - k;
    const value = (samples[k] ?? 0) * (1 - fraction) + (samples[k + 1] ?? 0) * fraction;
    const fade = turn.isCut ? Math.min(1, (playEndMs - atMs) / CUT_FADE_MS) : 1;
    channel[i] = (channel[i] ?? 0) + value * gain * fade;
  }
}

/**
 * A two-channel WAV of planned turns (the manager's on the left, the client's on the right)
 * over a faint line noise (real silence is never digital zero), for one window of the
 * conversation. Same inputs → byte-identical file.
 */
export function renderPlanWav(turns: PlannedTurn[], window: RenderWindow): Buffer {
  const { durationMs, fromMs = 0, seed, sampleRate = SAMPLE_RATE } = window;
  const frames = Math.round((durationMs * sampleRate) / 1000);
  const random = createRandom(seed);
  // Each party's level varies a little from call to call, as microphones and lines do.
  const gains = [0.75 + random.next() * 0.25, 0.75 + random.next() * 0.25];
  const channels = [new Float32Array(frames), new Float32Array(frames)];
  for (const turn of turns) {
    const target = channels[turn.channel];
    if (target && turn.endMs > fromMs && turn.startMs < fromMs + durationMs + 100)
      mixTurn(target, turn, fromMs, sampleRate, gains[turn.channel] ?? 1);
  }
  const dataBytes = frames * BYTES_PER_SAMPLE * CHANNELS;
  const buffer = Buffer.alloc(HEADER_BYTES + dataBytes);
  writeHeader(buffer, dataBytes, sampleRate);
  // A DataView writes the little-endian samples faster than Buffer.writeInt16LE.
  const view = new DataView(buffer.buffer, buffer.byteOffset + HEADER_BYTES, dataBytes);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < CHANNELS; c++) {
      const noise = (random.next() - 0.5) * 60;
      const value = (channels[c]?.[i] ?? 0) + noise;
      const sample = Math.max(-FULL_SCALE, Math.min(FULL_SCALE, Math.round(value)));
      view.setInt16((i * CHANNELS + c) * BYTES_PER_SAMPLE, sample, true);
    }
  }
  return buffer;
}

/** A deterministic conversation of the given length (see planConversation). */
export function renderConversationWav(durationSec: number, seed: number | string): Buffer {
  const durationMs = durationSec * 1000;
  return renderPlanWav(planConversation(durationMs, seed).turns, { durationMs, seed });
}
