import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { decodeMulawWav } from "@/server/pbx-simulator/mulaw";

// The Russian phrases recordings are assembled from: rendered once by
// scripts/render-speech-clips.ts and committed under speech/ with their manifest.
export const SPEECH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "speech");
export const MANIFEST_FILE = "manifest.json";

export const PARTIES = ["manager", "client"] as const;
export type Party = (typeof PARTIES)[number];
export const VOICES = ["male", "female"] as const;
export type VoiceKind = (typeof VOICES)[number];
export const SCRIPT_STEPS = [
  "greeting",
  "question",
  "reply",
  "offer",
  "objection",
  "hold",
  "closing",
  "backchannel",
] as const;
export type ScriptStep = (typeof SCRIPT_STEPS)[number];

const clipSchema = z.object({
  id: z.string(),
  file: z.string(),
  party: z.enum(PARTIES),
  voice: z.enum(VOICES),
  step: z.enum(SCRIPT_STEPS),
  /** The same phrase in either voice; a number pairs a question with its reply across parties. */
  phrase: z.string(),
  text: z.string(),
  namesCompany: z.boolean(),
  durationMs: z.number().int().positive(),
  speechStartMs: z.number().int().nonnegative(),
  speechEndMs: z.number().int().positive(),
});
export type SpeechClip = z.infer<typeof clipSchema>;

export const manifestSchema = z.object({
  generator: z.string(),
  engine: z.string(),
  encoding: z.literal("mu-law"),
  sampleRate: z.literal(8000),
  voices: z.record(z.string(), z.string()),
  clips: z.array(clipSchema),
});
export type SpeechManifest = z.infer<typeof manifestSchema>;

let manifest: SpeechManifest | undefined;
let byId: Map<string, SpeechClip> | undefined;
const samples = new Map<string, Int16Array>();

export function loadSpeechManifest(): SpeechManifest {
  manifest ??= manifestSchema.parse(
    JSON.parse(readFileSync(path.join(SPEECH_DIR, MANIFEST_FILE), "utf8")),
  );
  return manifest;
}

export function speechClips(): SpeechClip[] {
  return loadSpeechManifest().clips;
}

export function speechClip(id: string): SpeechClip {
  byId ??= new Map(speechClips().map((clip) => [clip.id, clip]));
  const clip = byId.get(id);
  if (!clip) throw new Error(`No speech clip "${id}"`);
  return clip;
}

/** The clip's 8 kHz samples, decoded once per process (the whole set is a few MB as PCM). */
export function clipSamples(id: string): Int16Array {
  const cached = samples.get(id);
  if (cached) return cached;
  const decoded = decodeMulawWav(readFileSync(path.join(SPEECH_DIR, speechClip(id).file)));
  samples.set(id, decoded);
  return decoded;
}

/** Length of the clip's speech (its trimmed start to end), what a plan lays out. */
export const speechMsOf = (clip: SpeechClip) => clip.speechEndMs - clip.speechStartMs;
