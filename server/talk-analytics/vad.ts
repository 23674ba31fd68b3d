import type * as sampleRate from "@alexanderolsen/libsamplerate-js";
import type vadBuilder from "@ozymandiasthegreat/vad";
import type { AudioChunk } from "@/server/talk-analytics/decode";
import type { Interval } from "@/server/talk-analytics/metrics";
import { nextTick, type Pause } from "@/server/talk-analytics/pause";

// WebRTC's VAD (libfvad compiled to WebAssembly) takes 8/16/32/48 kHz; telephone audio is
// 8 kHz, and the VAD works on 8 kHz internally anyway, so anything else is resampled to it.
const NATIVE_RATES = new Set([8000, 16000, 32000, 48000]);
const TARGET_RATE = 8000;
const FRAME_MS = 30;
// AGGRESSIVE: line noise and hum stay silence, speech still passes (mode 2 of 0..3).
const VAD_MODE = 2;
// A pause inside a phrase is not a turn: gaps under this are bridged, and blips under the
// minimum (a click, a cough on the line) are not speech.
export const MERGE_GAP_MS = 300;
export const MIN_SPEECH_MS = 150;
// The detector adapts to the line noise over its first frames; it hears the opening half
// second once before the real pass, so the start of a file is not taken for speech.
const WARM_UP_MS = 500;
// About 7.5 s of audio per slice of detection work: a few milliseconds.
const FRAMES_PER_SLICE = 250;

type SampleRateLib = Pick<typeof sampleRate, "create" | "ConverterType">;
type Converter = Awaited<ReturnType<SampleRateLib["create"]>>;
type VadClass = Awaited<ReturnType<typeof vadBuilder>>;
let vadClass: Promise<VadClass> | null = null;

function loadVad(): Promise<VadClass> {
  // The package reads its .wasm beside it; loaded once per process, only by the job worker.
  vadClass ??= import("@ozymandiasthegreat/vad").then((m) => m.default());
  return vadClass;
}

async function createConverter(rate: number): Promise<Converter | null> {
  if (NATIVE_RATES.has(rate)) return null;
  // A UMD bundle: plain Node's ESM sees only its default export, tsx and bundlers the names.
  const imported = (await import("@alexanderolsen/libsamplerate-js")) as SampleRateLib & {
    default?: SampleRateLib;
  };
  const { create, ConverterType } = imported.default ?? imported;
  return create(1, rate, TARGET_RATE, { converterType: ConverterType.SRC_SINC_FASTEST });
}

/** One channel's detector: takes the channel's slices in order, keeps the voiced runs. */
class ChannelDetector {
  private readonly frame: Int16Array;
  private carry = new Float32Array(0);
  private frameIndex = 0;
  private runStart = -1;
  private isWarm = false;
  readonly runs: Interval[] = [];

  constructor(
    private readonly vad: InstanceType<VadClass>,
    private readonly converter: Converter | null,
    private readonly rate: number,
  ) {
    this.frame = new Int16Array((rate * FRAME_MS) / 1000);
  }

  private classify(samples: Float32Array, offset: number): boolean {
    for (let i = 0; i < this.frame.length; i++) {
      const s = samples[offset + i] ?? 0;
      this.frame[i] = Math.max(-32768, Math.min(32767, Math.round(s * 32767)));
    }
    // VADEvent: -1 error, 0 silence, 1 voice.
    const result: number = this.vad.processFrame(this.frame);
    if (result < 0) throw new Error("The voice activity detector rejected a frame");
    return result === 1;
  }

  async push(chunk: Float32Array, pause: Pause): Promise<void> {
    // libsamplerate's streaming API keeps the filter state from one slice to the next.
    const input = this.converter ? this.converter.full(chunk) : chunk;
    const samples = new Float32Array(this.carry.length + input.length);
    samples.set(this.carry);
    samples.set(input, this.carry.length);
    const size = this.frame.length;
    const frames = Math.floor(samples.length / size);
    if (!this.isWarm) {
      this.isWarm = true;
      for (let f = 0; f < Math.min(frames, WARM_UP_MS / FRAME_MS); f++)
        this.classify(samples, f * size);
    }
    for (let f = 0; f < frames; f++) {
      if (f > 0 && f % FRAMES_PER_SLICE === 0) await pause();
      const isVoice = this.classify(samples, f * size);
      const at = this.frameIndex * FRAME_MS;
      if (isVoice && this.runStart < 0) this.runStart = at;
      if (!isVoice && this.runStart >= 0) {
        this.runs.push([this.runStart, at]);
        this.runStart = -1;
      }
      this.frameIndex++;
    }
    this.carry = samples.slice(frames * size);
  }

  finish(): Interval[] {
    if (this.runStart >= 0) this.runs.push([this.runStart, this.frameIndex * FRAME_MS]);
    this.runStart = -1;
    return this.runs;
  }

  destroy(): void {
    this.vad.destroy();
    this.converter?.destroy();
  }
}

/** Bridges short pauses, then drops blips: talk spurts as people hear them. */
export function smoothSpeech(runs: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const [start, end] of runs) {
    const last = merged.at(-1);
    if (last && start - last[1] < MERGE_GAP_MS) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.filter(([start, end]) => end - start >= MIN_SPEECH_MS);
}

export type ChannelSpeech = { durationMs: number; channels: Interval[][] };

/**
 * Speech intervals of each channel of one file, in milliseconds from its start, from its
 * slices in order (decodeChunks); the duration is what was decoded.
 */
export async function detectSpeech(
  chunks: AsyncIterable<AudioChunk>,
  pause: Pause = nextTick,
): Promise<ChannelSpeech> {
  const Vad = await loadVad();
  const detectors: ChannelDetector[] = [];
  let frames = 0;
  let rate = 0;
  try {
    for await (const chunk of chunks) {
      if (rate === 0) {
        rate = chunk.sampleRate;
        for (const _ of chunk.channels) {
          const converter = await createConverter(rate);
          const vadRate = converter ? TARGET_RATE : rate;
          detectors.push(new ChannelDetector(new Vad(VAD_MODE, vadRate), converter, vadRate));
        }
      }
      for (const [c, detector] of detectors.entries()) {
        const samples = chunk.channels[c] ?? chunk.channels[0];
        if (samples) await detector.push(samples, pause);
      }
      frames += chunk.channels[0]?.length ?? 0;
    }
    return {
      durationMs: rate > 0 ? Math.round((frames / rate) * 1000) : 0,
      channels: detectors.map((d) => smoothSpeech(d.finish())),
    };
  } finally {
    for (const detector of detectors) detector.destroy();
  }
}
