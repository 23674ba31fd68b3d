import { distance } from "fastest-levenshtein";
import { stemmer as stemRussian } from "@orama/stemmers/russian";
import type {
  Evidence,
  ScriptContent,
  ScriptStep,
  StepParty,
  StepReason,
  StepStatus,
} from "@/lib/scripts/schemas";

// Finds a script's phrases in a transcript. Pure: segments in, a result per step out.
// Words are normalised (case, ё → е, punctuation dropped), Russian words reduced to their Snowball
// stem, and two stems match within a small edit distance, so "оформили заказы" matches
// "оформить заказ" and a recogniser's "заказь" still counts. A phrase matches consecutive words
// said by one party: within a segment, or across that party's adjacent segments (one turn).

export type MatchSegment = {
  id: string;
  party: "MANAGER" | "CLIENT" | null;
  startMs: number;
  endMs: number;
  text: string;
};

export type StepResult = {
  stepId: string;
  status: StepStatus;
  reason: StepReason;
  evidence: Evidence[];
};

type Token = {
  raw: string;
  stem: string;
  /** Position in the whole transcript, in time order: what "after" means for ordered steps. */
  seq: number;
  startMs: number;
  endMs: number;
  segmentId: string;
};

type Turn = { party: MatchSegment["party"]; tokens: Token[] };

export type PreparedTranscript = { turns: Turn[] };

type Hit = Omit<Evidence, "isForbidden"> & { firstSeq: number; lastSeq: number };

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /^[а-я]+$/;
// Evidence kept per step: enough to listen to, small enough to store per call.
const MAX_EVIDENCE = 3;

export const normalizeWord = (word: string): string => word.toLowerCase().replaceAll("ё", "е");

// Stemming is most of a check's cost and calls share their words: stems are kept across calls,
// the whole cache dropped when it grows past a bound.
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

export function stemWord(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const normal = normalizeWord(word);
  const stem = CYRILLIC.test(normal) ? stemRussian(normal) : normal;
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

/**
 * Edits two stems may differ by and still match: none for short stems (where one letter makes
 * another word: "да"/"до"), one up to 6 letters, two beyond.
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 6 ? 1 : 2;
}

export function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const limit = allowedEdits(Math.min(a.length, b.length));
  if (limit === 0 || Math.abs(a.length - b.length) > limit) return false;
  return distance(a, b) <= limit;
}

/** The stems of a phrase as the script words it. */
export function phraseStems(phrase: string): string[] {
  return [...phrase.matchAll(WORD)].map((m) => stemWord(m[0]));
}

export function prepareTranscript(segments: readonly MatchSegment[]): PreparedTranscript {
  const sorted = [...segments].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const turns: Turn[] = [];
  let seq = 0;
  for (const segment of sorted) {
    const words = [...segment.text.matchAll(WORD)].map((m) => m[0]);
    const span = Math.max(0, segment.endMs - segment.startMs);
    // A word's time is estimated by its place in the segment (recognisers give segments).
    const tokens = words.map((raw, i): Token => ({
      raw,
      stem: stemWord(raw),
      seq: seq++,
      startMs: Math.round(segment.startMs + (span * i) / words.length),
      endMs: Math.round(segment.startMs + (span * (i + 1)) / words.length),
      segmentId: segment.id,
    }));
    const last = turns.at(-1);
    if (last && last.party === segment.party) last.tokens.push(...tokens);
    else turns.push({ party: segment.party, tokens });
  }
  return { turns };
}

// A mono recording does not say who spoke, so its words count for either party.
const partyAllows = (want: StepParty, party: MatchSegment["party"]): boolean =>
  want === "ANY" || party === null || party === want;

function findPhrase(transcript: PreparedTranscript, phrase: string, party: StepParty): Hit[] {
  const stems = phraseStems(phrase);
  if (stems.length === 0) return [];
  const hits: Hit[] = [];
  for (const turn of transcript.turns) {
    if (!partyAllows(party, turn.party)) continue;
    const { tokens } = turn;
    for (let i = 0; i + stems.length <= tokens.length; i++) {
      let isMatch = true;
      for (let j = 0; j < stems.length && isMatch; j++)
        isMatch = stemsMatch(tokens[i + j]!.stem, stems[j]!);
      if (!isMatch) continue;
      const first = tokens[i]!;
      const last = tokens[i + stems.length - 1]!;
      hits.push({
        phrase,
        text: tokens
          .slice(i, i + stems.length)
          .map((t) => t.raw)
          .join(" "),
        startMs: first.startMs,
        endMs: last.endMs,
        party: turn.party,
        segmentId: first.segmentId,
        firstSeq: first.seq,
        lastSeq: last.seq,
      });
    }
  }
  return hits;
}

const toEvidence = (
  { firstSeq: _f, lastSeq: _l, ...hit }: Hit,
  isForbidden: boolean,
): Evidence => ({
  ...hit,
  isForbidden,
});

const findAll = (transcript: PreparedTranscript, phrases: readonly string[], party: StepParty) =>
  phrases
    .flatMap((phrase) => findPhrase(transcript, phrase, party))
    .sort((a, b) => a.firstSeq - b.firstSeq);

function isInWindow(step: ScriptStep, hit: Hit): boolean {
  if (step.fromSec !== null && hit.startMs < step.fromSec * 1000) return false;
  if (step.toSec !== null && hit.startMs > step.toSec * 1000) return false;
  return true;
}

type Positive = { status: "PASSED" | "MISSED"; reason: StepReason; hits: Hit[] };

function matchPositive(
  transcript: PreparedTranscript,
  step: ScriptStep,
  afterSeq: number,
): Positive {
  if (step.phrases.length === 0) return { status: "PASSED", reason: "found", hits: [] };
  const hits = findAll(transcript, step.phrases, step.party);
  if (hits.length === 0) {
    const others = step.party === "ANY" ? [] : findAll(transcript, step.phrases, "ANY");
    return others.length > 0
      ? { status: "MISSED", reason: "wrongParty", hits: others }
      : { status: "MISSED", reason: "notFound", hits: [] };
  }
  const inWindow = hits.filter((hit) => isInWindow(step, hit));
  if (inWindow.length === 0) return { status: "MISSED", reason: "outsideWindow", hits };
  const inOrder = step.isOrdered ? inWindow.filter((hit) => hit.firstSeq > afterSeq) : inWindow;
  if (inOrder.length === 0) return { status: "MISSED", reason: "outOfOrder", hits: inWindow };
  return { status: "PASSED", reason: "found", hits: inOrder };
}

/** Each step of the script checked against the transcript, in the script's order. */
export function matchScript(content: ScriptContent, transcript: PreparedTranscript): StepResult[] {
  // The last word of the previous ordered step that was found.
  let orderedSeq = -1;
  return content.steps.map((step): StepResult => {
    const positive = matchPositive(transcript, step, orderedSeq);
    if (positive.status === "PASSED" && step.isOrdered && positive.hits[0])
      orderedSeq = positive.hits[0].lastSeq;
    const forbidden = findAll(transcript, step.forbidden, step.party);
    const evidence = [
      ...forbidden.slice(0, MAX_EVIDENCE).map((hit) => toEvidence(hit, true)),
      ...positive.hits.slice(0, MAX_EVIDENCE).map((hit) => toEvidence(hit, false)),
    ];
    if (forbidden.length > 0)
      return { stepId: step.id, status: "VIOLATED", reason: "forbidden", evidence };
    return { stepId: step.id, status: positive.status, reason: positive.reason, evidence };
  });
}
