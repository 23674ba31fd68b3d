import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { decodeChunks } from "@/server/talk-analytics/decode";
import { nextTick } from "@/server/talk-analytics/pause";
import { detectSpeech } from "@/server/talk-analytics/vad";
import {
  TranscriberError,
  type ChannelAudio,
  type RecognizedSegment,
  type Transcriber,
} from "@/server/transcripts/types";

// The local engine: sherpa-onnx (npm `sherpa-onnx-node`, its native addon shipped inside the
// npm package for linux/macOS/windows x64 and arm64) with a model folder the company provides
// (PULT_SPEECH_MODEL_DIR, docs/transcription.md). Offline models recognise one utterance at a
// time, so each channel is cut into phrases by the talk analytics' voice-activity detector
// first; each phrase becomes one segment with its own times.

type OfflineResult = { text: string };
type OfflineStream = { acceptWaveform(wave: { samples: Float32Array; sampleRate: number }): void };
type OfflineRecognizer = {
  createStream(): OfflineStream;
  decodeAsync(stream: OfflineStream): Promise<OfflineResult>;
};
type SherpaModule = {
  OfflineRecognizer: { createAsync(config: unknown): Promise<OfflineRecognizer> };
};

// Phrases: speech with pauses under this bridged, and never longer than MAX_PHRASE_MS (offline
// models degrade on long inputs).
const PHRASE_GAP_MS = 600;
const MAX_PHRASE_MS = 20_000;
const PAD_MS = 150;

export type LocalModel = { dir: string; name: string; config: unknown };

const findFile = (files: string[], pattern: RegExp) => {
  // Prefer int8-quantised files: several times smaller and faster on CPUs, as accurate.
  const matches = files.filter((f) => pattern.test(f)).sort();
  return matches.find((f) => f.includes("int8")) ?? matches[0];
};

/**
 * Reads a sherpa-onnx model folder: tokens.txt with encoder/decoder/joiner .onnx files (a
 * transducer: Zipformer, or NeMo/GigaAM when the folder's name says "nemo" or "giga"), or
 * model.onnx (a NeMo CTC model). Null with the reason when it is not one.
 */
export function describeModelDir(dir: string): LocalModel | string {
  if (!existsSync(dir)) return `The model folder ${dir} does not exist`;
  const files = readdirSync(dir);
  if (!files.includes("tokens.txt")) return `The model folder ${dir} has no tokens.txt`;
  const at = (file: string) => path.join(dir, file);
  const name = path.basename(dir);
  const isNemo = /nemo|giga/i.test(name);
  const encoder = findFile(files, /^encoder.*\.onnx$/);
  const decoder = findFile(files, /^decoder.*\.onnx$/);
  const joiner = findFile(files, /^joiner.*\.onnx$/);
  const ctc = findFile(files, /^model.*\.onnx$/);
  const base = { tokens: at("tokens.txt"), numThreads: 1, provider: "cpu", debug: 0 };
  if (encoder && decoder && joiner)
    return {
      dir,
      name,
      config: {
        featConfig: { sampleRate: 16000, featureDim: 80 },
        modelConfig: {
          ...base,
          transducer: { encoder: at(encoder), decoder: at(decoder), joiner: at(joiner) },
          ...(isNemo ? { modelType: "nemo_transducer" } : {}),
        },
        decodingMethod: "greedy_search",
      },
    };
  if (ctc)
    return {
      dir,
      name,
      config: {
        featConfig: { sampleRate: 16000, featureDim: 80 },
        modelConfig: { ...base, nemoCtc: { model: at(ctc) } },
        decodingMethod: "greedy_search",
      },
    };
  return `The model folder ${dir} has neither encoder/decoder/joiner .onnx files nor model.onnx`;
}

function loadSherpa(): SherpaModule {
  try {
    // An optional dependency with a native addon: loaded by Node, only when used.
    return createRequire(import.meta.url)("sherpa-onnx-node") as SherpaModule;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new TranscriberError(
      `The local speech engine (sherpa-onnx-node) cannot load: ${reason}`,
      null,
    );
  }
}

const recognizers = new Map<string, Promise<OfflineRecognizer>>();

function recognizerFor(model: LocalModel): Promise<OfflineRecognizer> {
  let recognizer = recognizers.get(model.dir);
  if (!recognizer) {
    recognizer = loadSherpa().OfflineRecognizer.createAsync(model.config);
    recognizers.set(model.dir, recognizer);
    recognizer.catch(() => recognizers.delete(model.dir));
  }
  return recognizer;
}

/** Speech intervals of a channel joined into phrases a model takes at once. */
export function phrasesOf(intervals: Array<[number, number]>): Array<[number, number]> {
  const phrases: Array<[number, number]> = [];
  for (const [start, end] of intervals) {
    const last = phrases.at(-1);
    if (last && start - last[1] < PHRASE_GAP_MS && end - last[0] <= MAX_PHRASE_MS) last[1] = end;
    else phrases.push([start, end]);
  }
  return phrases;
}

async function channelSamples(audio: ChannelAudio): Promise<Float32Array> {
  const out = new Float32Array(Math.round((audio.durationMs * audio.sampleRate) / 1000) + 1);
  let at = 0;
  for await (const chunk of decodeChunks(audio.wav, nextTick)) {
    const samples = chunk.channels[0];
    if (!samples) continue;
    out.set(samples.subarray(0, out.length - at), at);
    at += samples.length;
  }
  return out.subarray(0, Math.min(at, out.length));
}

export function createLocalTranscriber(modelDir: string): Transcriber {
  const described = describeModelDir(modelDir);
  const name = typeof described === "string" ? path.basename(modelDir) : described.name;
  return {
    backend: "local",
    model: name,
    async transcribe(audio: ChannelAudio): Promise<RecognizedSegment[]> {
      if (typeof described === "string") throw new TranscriberError(described, null);
      const recognizer = await recognizerFor(described).catch((error: unknown) => {
        if (error instanceof TranscriberError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new TranscriberError(`The local model could not be loaded: ${reason}`, null);
      });
      const speech = await detectSpeech(decodeChunks(audio.wav, nextTick), nextTick);
      const samples = await channelSamples(audio);
      const segments: RecognizedSegment[] = [];
      for (const [startMs, endMs] of phrasesOf(speech.channels[0] ?? [])) {
        const from = Math.max(0, Math.floor(((startMs - PAD_MS) * audio.sampleRate) / 1000));
        const to = Math.min(
          samples.length,
          Math.ceil(((endMs + PAD_MS) * audio.sampleRate) / 1000),
        );
        const stream = recognizer.createStream();
        // sherpa-onnx resamples to the model's 16 kHz itself.
        stream.acceptWaveform({ samples: samples.slice(from, to), sampleRate: audio.sampleRate });
        const result = await recognizer.decodeAsync(stream);
        const text = result.text.trim();
        if (text) segments.push({ startMs, endMs, text, confidence: null });
      }
      return segments;
    },
  };
}
