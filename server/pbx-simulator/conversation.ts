import { createRandom, type Random } from "@/server/pbx-simulator/random";
import {
  speechClip,
  speechClips,
  speechMsOf,
  type Party,
  type ScriptStep,
  type SpeechClip,
  type VoiceKind,
} from "@/server/pbx-simulator/speech-clips";

/** Channel 0 (left) is the manager, 1 (right) the client. */
export const CHANNEL_OF: Record<Party, 0 | 1> = { manager: 0, client: 1 };

export type PlannedTurn = {
  party: Party;
  channel: 0 | 1;
  clipId: string;
  step: ScriptStep;
  text: string;
  /** The clip's speech, in ms from the start of the recording (its trimmed start to end). */
  startMs: number;
  endMs: number;
  /** The call ended mid-phrase: the clip is cut off at endMs. */
  isCut: boolean;
};

export type ScriptSkip = "company-greeting" | "needs" | "offer" | "objection" | "closing";

export type ConversationPlan = {
  durationMs: number;
  voices: Record<Party, VoiceKind>;
  /** Parts of the sales script the call does not have. */
  skipped: ScriptSkip[];
  /** Sorted by start. */
  turns: PlannedTurn[];
};

/** A phrase to say; holdMs fixes the pause before it (else it is drawn, and may be a cut-in). */
type Cue = { party: Party; clip: SpeechClip; holdMs?: number };

// Pauses in ms: the other party answers after REPLY; the same party goes on after SAME; a
// listener cuts in CUT_IN before the speaker finishes; a check takes HOLD.
const REPLY = [200, 900] as const;
const SAME = [400, 900] as const;
const CUT_IN = [600, 1100] as const;
const HOLD = [3000, 9000] as const;
// Nobody starts a new phrase closer than this to their own last one.
const OWN_GAP_MS = 400;
// What the recording holds after the last words, while both hang up.
const TAIL = [400, 1500] as const;
const CUT_IN_CHANCE = 0.15;
const BACKCHANNEL_CHANCE = 0.2;

const between = (random: Random, [min, max]: readonly [number, number]) => random.int(min, max);
const other = (party: Party): Party => (party === "manager" ? "client" : "manager");
const phraseNumber = (clip: SpeechClip) => Number(clip.phrase.split("-").at(-1));
/** Time the cues take at most, with the longest pauses. */
const span = (cues: Cue[]) =>
  cues.reduce((sum, cue) => sum + (cue.holdMs ?? REPLY[1]) + speechMsOf(cue.clip), 0);

function createTimeline(durationMs: number, random: Random, voices: Record<Party, VoiceKind>) {
  const turns: PlannedTurn[] = [];
  const lastEnd: Record<Party, number> = { manager: -Infinity, client: -Infinity };
  const used = new Set<string>();
  let floorEnd = 0;
  let last: PlannedTurn | undefined;

  const add = (party: Party, clip: SpeechClip, startMs: number): PlannedTurn | undefined => {
    if (startMs >= durationMs - 200) return undefined;
    const natural = startMs + speechMsOf(clip);
    const turn: PlannedTurn = {
      party,
      channel: CHANNEL_OF[party],
      clipId: clip.id,
      step: clip.step,
      text: clip.text,
      startMs,
      endMs: Math.min(natural, durationMs),
      isCut: natural > durationMs,
    };
    turns.push(turn);
    lastEnd[party] = turn.endMs;
    return turn;
  };

  /** An "uh-huh" from the listener in the middle of a long phrase, now and then. */
  const maybeBackchannel = (turn: PlannedTurn) => {
    const listener = other(turn.party);
    const length = turn.endMs - turn.startMs;
    const isListening = turn.step !== "backchannel" && turn.step !== "greeting";
    if (!isListening || length < 1800 || random.next() >= BACKCHANNEL_CHANCE) return;
    const clip = pick(listener, "backchannel");
    const at = turn.startMs + Math.round(length * (0.3 + random.next() * 0.3));
    if (at >= lastEnd[listener] + OWN_GAP_MS && at + speechMsOf(clip) <= turn.endMs - 150)
      add(listener, clip, at);
  };

  /** A clip of the party's voice for the step, preferring phrases the call has not used yet. */
  function pick(party: Party, step: ScriptStep, keep: (clip: SpeechClip) => boolean = () => true) {
    const all = speechClips().filter(
      (c) => c.party === party && c.voice === voices[party] && c.step === step && keep(c),
    );
    const fresh = all.filter((c) => !used.has(c.phrase));
    const clip = random.pick(fresh.length > 0 ? fresh : all);
    if (step !== "backchannel") used.add(clip.phrase);
    return clip;
  }

  return {
    pick,
    /** The clip of the party's voice with the given phrase (a reply paired with a question). */
    paired(party: Party, phrase: string): SpeechClip {
      const clip = speechClips().find(
        (c) => c.party === party && c.voice === voices[party] && c.phrase === phrase,
      );
      if (!clip) throw new Error(`No ${party} phrase ${phrase}`);
      used.add(phrase);
      return clip;
    },
    begin(atMs: number) {
      floorEnd = atMs;
    },
    span,
    fits: (cues: Cue[], reserveMs: number) => floorEnd + span(cues) + reserveMs <= durationMs,
    say(cues: Cue[]) {
      for (const { party, clip, holdMs } of cues) {
        let start = floorEnd + (holdMs ?? between(random, party === last?.party ? SAME : REPLY));
        // Only a phrase that goes on past the speaker's end cuts in (an interruption).
        const canCutIn =
          holdMs === undefined &&
          speechMsOf(clip) >= CUT_IN[1] + 500 &&
          last !== undefined &&
          last.party !== party &&
          last.step !== "backchannel" &&
          last.endMs - last.startMs >= 1500;
        if (canCutIn && random.next() < CUT_IN_CHANCE)
          start = Math.max(last?.startMs ?? 0, floorEnd - between(random, CUT_IN));
        start = Math.max(start, lastEnd[party] + OWN_GAP_MS);
        const turn = add(party, clip, start);
        if (!turn) return;
        floorEnd = Math.max(floorEnd, turn.endMs);
        last = turn;
        maybeBackchannel(turn);
      }
    },
    turns: () => [...turns].sort((a, b) => a.startMs - b.startMs || a.channel - b.channel),
  };
}

type Timeline = ReturnType<typeof createTimeline>;
type Exchange = "needs" | "question" | "offer" | "objection";

/** The middle of a sales call: one exchange, its clips chosen. */
function exchanges(t: Timeline, random: Random): Record<Exchange, () => Cue[]> {
  return {
    needs: () => {
      const question = t.pick("manager", "question");
      const reply = t.paired("client", `reply-${phraseNumber(question)}`);
      return [
        { party: "manager", clip: question },
        { party: "client", clip: reply },
      ];
    },
    question: () => {
      const question = t.pick("client", "question");
      const reply = t.paired("manager", `reply-${phraseNumber(question)}`);
      if (random.next() >= 0.35)
        return [
          { party: "client", clip: question },
          { party: "manager", clip: reply },
        ];
      // "One moment, let me check": a long silence before the answer.
      return [
        { party: "client", clip: question },
        { party: "manager", clip: t.pick("manager", "hold") },
        { party: "manager", clip: reply, holdMs: between(random, HOLD) },
      ];
    },
    offer: () => [{ party: "manager", clip: t.pick("manager", "offer") }],
    objection: () => {
      const objection = t.pick("client", "objection");
      const answer = t.paired("manager", `objection-${phraseNumber(objection)}`);
      return [
        { party: "client", clip: objection },
        { party: "manager", clip: answer },
      ];
    },
  };
}

/**
 * What is said when in a call of the given length, deterministic per seed: the manager greets
 * (naming the company, in most calls), the client says why they call, the manager asks about
 * their needs, makes an offer, answers a question or an objection, and both close. Some calls
 * skip steps; longer calls go on with more questions, offers and objections. Pauses vary, the
 * listener now and then says "uh-huh" or cuts in, and sometimes the manager goes to check
 * something. The call's length is fitted: the script stops when the next step would not fit
 * before the closing (a very short call is cut off mid-phrase).
 */
export function planConversation(durationMs: number, seed: number | string): ConversationPlan {
  const random = createRandom(`plan/${seed}`);
  const voices: Record<Party, VoiceKind> = {
    manager: random.next() < 0.5 ? "male" : "female",
    client: random.next() < 0.5 ? "male" : "female",
  };
  const t = createTimeline(durationMs, random, voices);
  const { needs, question, offer, objection } = exchanges(t, random);
  const hasCompanyGreeting = random.next() < 0.8;
  const needsCount = random.next() < 0.85 ? random.int(1, 3) : 0;
  const hasOffer = random.next() < 0.9;
  const hasQuestion = random.next() < 0.5;
  const hasObjection = random.next() < 0.65;
  const closing: Cue[] =
    random.next() < 0.8
      ? [
          { party: "client", clip: t.pick("client", "closing") },
          { party: "manager", clip: t.pick("manager", "closing") },
        ]
      : [];
  const reserveMs = t.span(closing) + TAIL[1];

  t.begin(between(random, [300, 1200]));
  // The opening is said whatever the length: a call too short for it is cut off.
  t.say([
    {
      holdMs: 0,
      party: "manager",
      clip: t.pick("manager", "greeting", (c) => c.namesCompany === hasCompanyGreeting),
    },
    { party: "client", clip: t.pick("client", "greeting") },
  ]);
  const planned = [
    ...Array.from({ length: needsCount }, () => needs),
    ...(hasOffer ? [offer] : []),
    ...(hasQuestion ? [question] : []),
    ...(hasObjection ? [objection] : []),
  ];
  for (const next of planned) {
    const cues = next();
    if (t.fits(cues, reserveMs)) t.say(cues);
  }
  // A long call goes on with the steps it has until no exchange fits before the closing.
  const all = [
    question,
    ...(needsCount > 0 ? [needs] : []),
    ...(hasOffer ? [offer] : []),
    ...(hasObjection ? [objection] : []),
  ];
  for (;;) {
    const first = random.pick(all);
    let fitting: Cue[] | undefined;
    for (const next of [first, ...all.filter((e) => e !== first)]) {
      const cues = next();
      if (t.fits(cues, reserveMs)) {
        fitting = cues;
        break;
      }
    }
    if (!fitting) break;
    t.say(fitting);
  }
  if (t.fits(closing, TAIL[0])) t.say(closing);

  const turns = t.turns();
  const has = (step: ScriptStep, party: Party) =>
    turns.some((turn) => turn.step === step && turn.party === party);
  const skipped: ScriptSkip[] = [];
  if (!turns.some((turn) => turn.step === "greeting" && speechClip(turn.clipId).namesCompany))
    skipped.push("company-greeting");
  if (!has("question", "manager")) skipped.push("needs");
  if (!has("offer", "manager")) skipped.push("offer");
  if (!has("objection", "client")) skipped.push("objection");
  if (!has("closing", "manager")) skipped.push("closing");
  return { durationMs, voices, skipped, turns };
}

/** Turns from clips placed by hand (speech starting at startMs): fixtures with known timings. */
export function placeClips(cues: Array<{ clipId: string; startMs: number }>): PlannedTurn[] {
  return cues
    .map(({ clipId, startMs }): PlannedTurn => {
      const clip = speechClip(clipId);
      return {
        party: clip.party,
        channel: CHANNEL_OF[clip.party],
        clipId,
        step: clip.step,
        text: clip.text,
        startMs,
        endMs: startMs + speechMsOf(clip),
        isCut: false,
      };
    })
    .sort((a, b) => a.startMs - b.startMs || a.channel - b.channel);
}
