// Test audio with known speech timings: the simulator's Russian speech clips placed by hand
// (placeClips), rendered per channel as WAV, mono WAV or MP3 (LAME, a test-only dependency).
import { Mp3Encoder } from "@breezystack/lamejs";
import type { PlannedTurn } from "@/server/pbx-simulator/conversation";
import { renderPlanWav } from "@/server/pbx-simulator/wav";
import type { Interval } from "@/server/talk-analytics/metrics";

/** The turns as a two-channel WAV; fromSec renders a later window (a split recording's part). */
export function stereoWav(
  durationSec: number,
  turns: PlannedTurn[],
  sampleRate = 8000,
  fromSec = 0,
): Buffer {
  return renderPlanWav(turns, {
    durationMs: durationSec * 1000,
    fromMs: fromSec * 1000,
    seed: `talk-test/${fromSec}`,
    sampleRate,
  });
}

function samplesOf(wav: Buffer): { left: Int16Array; right: Int16Array } {
  const frames = (wav.length - 44) / 4;
  const left = new Int16Array(frames);
  const right = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = wav.readInt16LE(44 + i * 4);
    right[i] = wav.readInt16LE(46 + i * 4);
  }
  return { left, right };
}

/** Both channels mixed into one, as a mono PBX recording would be. */
export function monoWav(durationSec: number, turns: PlannedTurn[]): Buffer {
  const { left, right } = samplesOf(stereoWav(durationSec, turns));
  const out = Buffer.alloc(44 + left.length * 2);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + left.length * 2, 4);
  out.write("WAVEfmt ", 8, "ascii");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(8000, 24);
  out.writeUInt32LE(16000, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "ascii");
  out.writeUInt32LE(left.length * 2, 40);
  for (let i = 0; i < left.length; i++) {
    const mixed = Math.max(-32768, Math.min(32767, (left[i] ?? 0) + (right[i] ?? 0)));
    out.writeInt16LE(mixed, 44 + i * 2);
  }
  return out;
}

/** A stereo MP3 at 22.05 kHz (not a rate the VAD takes: the analysis must resample it). */
export function stereoMp3(durationSec: number, turns: PlannedTurn[]): Buffer {
  const rate = 22050;
  const { left, right } = samplesOf(stereoWav(durationSec, turns, rate));
  const encoder = new Mp3Encoder(2, rate, 64);
  const chunks: Buffer[] = [];
  // LAME hands back signed byte views; copy them as bytes.
  const bytes = (view: ArrayBufferView) =>
    Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const block = 1152 * 8;
  for (let i = 0; i < left.length; i += block)
    chunks.push(
      bytes(encoder.encodeBuffer(left.subarray(i, i + block), right.subarray(i, i + block))),
    );
  chunks.push(bytes(encoder.flush()));
  return Buffer.concat(chunks);
}

/** The turns of one channel as intervals in ms, for the expected figures. */
export function laneOf(turns: PlannedTurn[], channel: 0 | 1): Interval[] {
  return turns
    .filter((turn) => turn.channel === channel)
    .map((turn): Interval => [turn.startMs, turn.endMs]);
}
