import { describe, expect, it } from "vitest";
import { skipReasonOf, type TranscriptFilter } from "@/server/transcripts/filter";

const filter: TranscriptFilter = { answeredOnly: true, minTalkSec: 20, directions: ["IN", "OUT"] };
const answered = { direction: "IN" as const, answeredAt: new Date(), talkSec: 45 };

describe("skipReasonOf", () => {
  it("transcribes an answered call of a chosen direction and length", () => {
    expect(skipReasonOf(filter, answered)).toBeNull();
    expect(skipReasonOf(filter, { ...answered, direction: "OUT", talkSec: 20 })).toBeNull();
  });
  it("says why a call is left out", () => {
    expect(skipReasonOf(filter, { ...answered, answeredAt: null })).toBe(
      "Only answered calls are transcribed",
    );
    expect(skipReasonOf(filter, { ...answered, direction: "INTERNAL" })).toBe(
      "Internal calls are not transcribed",
    );
    expect(skipReasonOf(filter, { ...answered, talkSec: 19 })).toBe(
      "Calls shorter than 20 s of talk are not transcribed",
    );
    expect(skipReasonOf(filter, { ...answered, talkSec: null })).toBe(
      "Calls shorter than 20 s of talk are not transcribed",
    );
  });
  it("lets unanswered calls through when the company wants them", () => {
    const all = { ...filter, answeredOnly: false, minTalkSec: 0 };
    expect(skipReasonOf(all, { ...answered, answeredAt: null, talkSec: 0 })).toBeNull();
  });
});
