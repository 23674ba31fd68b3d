// Which calls a company pays to transcribe (Settings → Speech): the others are SKIPPED with the
// reason, which the call page shows.

export type TranscriptFilter = {
  answeredOnly: boolean;
  minTalkSec: number;
  directions: ReadonlyArray<"IN" | "OUT" | "INTERNAL">;
};

export type FilteredCall = {
  direction: "IN" | "OUT" | "INTERNAL";
  answeredAt: Date | null;
  talkSec: number | null;
};

/** Null when the call is transcribed; otherwise why not, as a sentence for the call page. */
export function skipReasonOf(filter: TranscriptFilter, call: FilteredCall): string | null {
  if (filter.answeredOnly && call.answeredAt === null) return "Only answered calls are transcribed";
  if (!filter.directions.includes(call.direction))
    return `${call.direction === "IN" ? "Incoming" : call.direction === "OUT" ? "Outgoing" : "Internal"} calls are not transcribed`;
  if ((call.talkSec ?? 0) < filter.minTalkSec)
    return `Calls shorter than ${filter.minTalkSec} s of talk are not transcribed`;
  return null;
}
