// Talk figures from speech intervals: pure arithmetic, no audio. All times in milliseconds.

/** [startMs, endMs), start < end. */
export type Interval = [number, number];

// The other party's "uh-huh" under this does not end a monologue, and the manager's does not
// count as an interruption unless both keep talking together at least this long.
export const BACKCHANNEL_MS = 1000;
export const INTERRUPTION_OVERLAP_MS = 500;
// One party's own pause longer than this ends their monologue.
export const MONOLOGUE_PAUSE_MS = 3000;

export type TalkFigures = {
  durationMs: number;
  speechMs: number;
  silenceMs: number;
  longestSilenceMs: number;
  /** Null on a mono recording: the parties cannot be told apart. */
  managerTalkMs: number | null;
  clientTalkMs: number | null;
  /** The manager's share of the talking, 0..1. */
  talkRatio: number | null;
  overlapMs: number | null;
  overlapCount: number | null;
  managerInterruptions: number | null;
  firstWordsMs: number | null;
  longestMonologueMs: number | null;
  longestMonologueParty: "MANAGER" | "CLIENT" | null;
};

/** Sorted, non-overlapping, clipped to [0, durationMs]. */
export function normalizeIntervals(intervals: Interval[], durationMs: number): Interval[] {
  const clipped = intervals
    .map(([s, e]): Interval => [Math.max(0, s), Math.min(durationMs, e)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of clipped) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export const totalMs = (intervals: Interval[]) =>
  intervals.reduce((sum, [s, e]) => sum + (e - s), 0);

export function unionIntervals(a: Interval[], b: Interval[], durationMs: number): Interval[] {
  return normalizeIntervals([...a, ...b], durationMs);
}

export function intersectIntervals(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i] ?? [0, 0];
    const [bs, be] = b[j] ?? [0, 0];
    const s = Math.max(as, bs);
    const e = Math.min(ae, be);
    if (e > s) out.push([s, e]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

/** Gaps between speech; the whole recording when nobody speaks. Lead-in and tail excluded. */
export function silences(speech: Interval[], durationMs: number): Interval[] {
  if (speech.length === 0) return durationMs > 0 ? [[0, durationMs]] : [];
  const gaps: Interval[] = [];
  for (let k = 1; k < speech.length; k++) {
    const prev = speech[k - 1];
    const next = speech[k];
    if (prev && next && next[0] > prev[1]) gaps.push([prev[1], next[0]]);
  }
  return gaps;
}

/**
 * The manager starts talking while the client is talking, and both keep talking together for
 * at least INTERRUPTION_OVERLAP_MS (a short "yes" over the client is not an interruption).
 */
export function countInterruptions(interrupter: Interval[], speaker: Interval[]): number {
  let count = 0;
  for (const [ms, me] of interrupter) {
    const during = speaker.find(([cs, ce]) => cs < ms && ms < ce);
    if (during && Math.min(me, during[1]) - ms >= INTERRUPTION_OVERLAP_MS) count++;
  }
  return count;
}

/**
 * Longest stretch of one party's speech: their pauses under MONOLOGUE_PAUSE_MS and the other
 * party's backchannels (under BACKCHANNEL_MS) do not end it; the other party's real turn does.
 */
export function longestMonologue(own: Interval[], other: Interval[]): number {
  const turns = other.filter(([s, e]) => e - s >= BACKCHANNEL_MS);
  let best = 0;
  let runStart = -1;
  let runEnd = -1;
  for (const [s, e] of own) {
    const isBroken =
      runStart < 0 ||
      s - runEnd >= MONOLOGUE_PAUSE_MS ||
      turns.some(([ts]) => ts > runStart && ts < s);
    if (isBroken) runStart = s;
    runEnd = Math.max(e, isBroken ? e : runEnd);
    best = Math.max(best, runEnd - runStart);
  }
  return best;
}

const longest = (intervals: Interval[]) => intervals.reduce((m, [s, e]) => Math.max(m, e - s), 0);

/** Figures of a mono recording: speech against silence only. */
export function computeMonoFigures(speechRaw: Interval[], durationMs: number): TalkFigures {
  const speech = normalizeIntervals(speechRaw, durationMs);
  const gaps = silences(speech, durationMs);
  return {
    durationMs,
    speechMs: totalMs(speech),
    silenceMs: totalMs(gaps),
    longestSilenceMs: longest(gaps),
    managerTalkMs: null,
    clientTalkMs: null,
    talkRatio: null,
    overlapMs: null,
    overlapCount: null,
    managerInterruptions: null,
    firstWordsMs: null,
    longestMonologueMs: null,
    longestMonologueParty: null,
  };
}

/** Figures of a two-channel recording: the manager's and the client's speech. */
export function computeStereoFigures(
  managerRaw: Interval[],
  clientRaw: Interval[],
  durationMs: number,
): TalkFigures {
  const manager = normalizeIntervals(managerRaw, durationMs);
  const client = normalizeIntervals(clientRaw, durationMs);
  const speech = unionIntervals(manager, client, durationMs);
  const gaps = silences(speech, durationMs);
  const overlaps = intersectIntervals(manager, client);
  const managerTalkMs = totalMs(manager);
  const clientTalkMs = totalMs(client);
  const talking = managerTalkMs + clientTalkMs;
  const managerMonologue = longestMonologue(manager, client);
  const clientMonologue = longestMonologue(client, manager);
  const longestMonologueMs = Math.max(managerMonologue, clientMonologue);
  return {
    durationMs,
    speechMs: totalMs(speech),
    silenceMs: totalMs(gaps),
    longestSilenceMs: longest(gaps),
    managerTalkMs,
    clientTalkMs,
    talkRatio: talking > 0 ? managerTalkMs / talking : null,
    overlapMs: totalMs(overlaps),
    overlapCount: overlaps.length,
    managerInterruptions: countInterruptions(manager, client),
    firstWordsMs: manager[0]?.[0] ?? null,
    longestMonologueMs,
    longestMonologueParty:
      longestMonologueMs === 0 ? null : managerMonologue >= clientMonologue ? "MANAGER" : "CLIENT",
  };
}
