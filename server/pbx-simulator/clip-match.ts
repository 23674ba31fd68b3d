import { CLIP_SAMPLE_RATE } from "@/server/pbx-simulator/mulaw";
import { clipSamples, speechClips, type SpeechClip } from "@/server/pbx-simulator/speech-clips";

// The simulator's speech recogniser: a channel it rendered is its speech clips placed at offsets
// (each scaled by the party's level, over faint line noise), so it is "recognised" by finding
// which clip starts where — from the samples alone, as a real service would have only the
// audio. Loud 10 ms frames mark where speech starts; the clips' loudness envelopes pick the
// likely clips; a sample-level correlation fixes the clip and its exact offset.

const FRAME = CLIP_SAMPLE_RATE / 100; // 10 ms
const LOUD_RMS = 150; // the clips' speech is far above, the line noise (±30) far below
const WINDOW_FRAMES = 60;
const ONSET_SLACK_FRAMES = 3;
const CANDIDATES = 6;
const MIN_MATCH = 0.8;
const QUIET_RUN_FRAMES = 30;

export type IdentifiedClip = {
  clipId: string;
  /** Where the clip's first sample lies in the channel (negative: it began before the audio). */
  offsetSamples: number;
  /** The clip's speech within the channel, clamped to the audio. */
  startMs: number;
  endMs: number;
  /** The words heard: all of them unless the audio cuts the phrase. */
  text: string;
  /** Cosine similarity of the samples, 0..1. */
  score: number;
};

type ClipModel = { clip: SpeechClip; samples: Int16Array; envelope: Float32Array; onset: number };
let models: ClipModel[] | undefined;

export function envelopeOf(samples: ArrayLike<number>): Float32Array {
  const frames = Math.floor(samples.length / FRAME);
  const envelope = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = f * FRAME; i < (f + 1) * FRAME; i++) sum += (samples[i] ?? 0) ** 2;
    envelope[f] = Math.sqrt(sum / FRAME);
  }
  return envelope;
}

const firstLoud = (envelope: Float32Array, from: number, level: number) => {
  for (let f = from; f < envelope.length; f++) if ((envelope[f] ?? 0) > level) return f;
  return -1;
};

function clipModels(): ClipModel[] {
  models ??= speechClips().map((clip) => {
    const samples = clipSamples(clip.id);
    const envelope = envelopeOf(samples);
    return { clip, samples, envelope, onset: Math.max(0, firstLoud(envelope, 0, LOUD_RMS)) };
  });
  return models;
}

/** Cosine similarity of a[from..) and b[bFrom..) over n values. */
function cosine(
  a: ArrayLike<number>,
  from: number,
  b: ArrayLike<number>,
  bFrom: number,
  n: number,
): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[from + i] ?? 0;
    const y = b[bFrom + i] ?? 0;
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

type Candidate = { model: ClipModel; clipFrame: number; score: number };

/** Clips whose envelope from clipFrame matches the channel's from `frame`, best first. */
function envelopeCandidates(envelope: Float32Array, frame: number, isFullSearch: boolean) {
  const found: Candidate[] = [];
  for (const model of clipModels()) {
    const frames = model.envelope.length;
    const from = isFullSearch ? 0 : Math.max(0, model.onset - ONSET_SLACK_FRAMES);
    const to = isFullSearch ? frames - 1 : Math.min(frames - 1, model.onset + ONSET_SLACK_FRAMES);
    for (let p = from; p <= to; p++) {
      const n = Math.min(WINDOW_FRAMES, frames - p, envelope.length - frame);
      if (n < 5) continue;
      found.push({ model, clipFrame: p, score: cosine(envelope, frame, model.envelope, p, n) });
    }
  }
  return found.sort((x, y) => y.score - x.score).slice(0, CANDIDATES * 4);
}

/** The best exact placement among the candidates: offset in samples and its similarity. */
function refine(samples: Int16Array, frame: number, candidates: Candidate[]) {
  let best: { model: ClipModel; offset: number; score: number } | null = null;
  const seen = new Set<ClipModel>();
  for (const candidate of candidates) {
    if (seen.has(candidate.model)) continue;
    seen.add(candidate.model);
    if (seen.size > CANDIDATES) break;
    const { model, clipFrame } = candidate;
    const n = Math.min(WINDOW_FRAMES * FRAME, model.samples.length - clipFrame * FRAME);
    for (let d = -FRAME; d <= FRAME; d++) {
      const offset = (frame - clipFrame) * FRAME + d;
      const clipFrom = Math.max(0, -offset, clipFrame * FRAME);
      const length = Math.min(n, samples.length - (offset + clipFrom));
      if (length < FRAME * 5) continue;
      const score = cosine(samples, offset + clipFrom, model.samples, clipFrom, length);
      if (!best || score > best.score) best = { model, offset, score };
    }
  }
  return best;
}

/** The words of a phrase heard in part: the share heard, from the side that was heard. */
function heardWords(text: string, share: number, isCutAtStart: boolean): string {
  if (share >= 0.999) return text;
  const words = text.split(/\s+/);
  const count = Math.max(1, Math.round(words.length * share));
  return (isCutAtStart ? words.slice(-count) : words.slice(0, count)).join(" ");
}

function placed(model: ClipModel, offset: number, score: number, total: number): IdentifiedClip {
  const { clip } = model;
  const rate = CLIP_SAMPLE_RATE / 1000;
  const speechFrom = offset + clip.speechStartMs * rate;
  const speechTo = offset + clip.speechEndMs * rate;
  const from = Math.max(0, speechFrom);
  const to = Math.min(total, speechTo);
  const share = Math.max(0, to - from) / (speechTo - speechFrom);
  return {
    clipId: clip.id,
    offsetSamples: offset,
    startMs: Math.round(from / rate),
    endMs: Math.round(to / rate),
    text: heardWords(clip.text, share, speechFrom < 0),
    score,
  };
}

/** Every known clip in a channel's 8 kHz samples, in order; unknown sounds are skipped. */
export function identifyClips(samples: Int16Array): IdentifiedClip[] {
  const envelope = envelopeOf(samples);
  const found: IdentifiedClip[] = [];
  let cursor = 0;
  for (;;) {
    const frame = firstLoud(envelope, cursor, LOUD_RMS);
    if (frame < 0) break;
    let match = refine(samples, frame, envelopeCandidates(envelope, frame, false));
    // Not a phrase starting here: one that began earlier (a split recording's later file, or a
    // pause inside the phrase before the audio started).
    if (!match || match.score < MIN_MATCH)
      match = refine(samples, frame, envelopeCandidates(envelope, frame, true));
    if (match && match.score >= MIN_MATCH) {
      found.push(placed(match.model, match.offset, match.score, samples.length));
      cursor = Math.max(frame + 1, Math.ceil((match.offset + match.model.samples.length) / FRAME));
      continue;
    }
    // Not a known clip: skip past this sound.
    let quiet = 0;
    cursor = frame;
    while (cursor < envelope.length && quiet < QUIET_RUN_FRAMES) {
      quiet = (envelope[cursor] ?? 0) > LOUD_RMS ? 0 : quiet + 1;
      cursor++;
    }
  }
  return found;
}
