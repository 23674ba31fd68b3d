import { describe, expect, it } from "vitest";
import { MalformedTranscriptionError, parseVerboseJson } from "@/server/transcripts/verbose-json";

const answer = (body: unknown) => JSON.stringify(body);

describe("parseVerboseJson", () => {
  it("reads OpenAI's segments as phrases in ms, with exp(avg_logprob) as the confidence", () => {
    const segments = parseVerboseJson(
      answer({
        task: "transcribe",
        language: "russian",
        duration: 9.5,
        text: "Добрый день. Слушаю вас.",
        segments: [
          {
            id: 0,
            seek: 0,
            start: 0.48,
            end: 2.1,
            text: " Добрый день.",
            avg_logprob: -0.2,
            no_speech_prob: 0.01,
          },
          { id: 1, seek: 0, start: 2.5, end: 4.0049, text: " Слушаю вас.", avg_logprob: 0 },
        ],
      }),
      9500,
    );
    expect(segments).toEqual([
      { startMs: 480, endMs: 2100, text: "Добрый день.", confidence: Math.exp(-0.2) },
      { startMs: 2500, endMs: 4005, text: "Слушаю вас.", confidence: 1 },
    ]);
  });

  it("drops empty phrases, keeps a missing confidence null and an end before the start at the start", () => {
    const segments = parseVerboseJson(
      answer({
        text: "да",
        segments: [
          { start: 1, end: 2, text: "   " },
          { start: 3, end: 2.5, text: "да" },
        ],
      }),
      5000,
    );
    expect(segments).toEqual([{ startMs: 3000, endMs: 3000, text: "да", confidence: null }]);
  });

  it("takes an answer without segments as one phrase over the audio, or none when silent", () => {
    expect(parseVerboseJson(answer({ text: " Алло? " }), 4200)).toEqual([
      { startMs: 0, endMs: 4200, text: "Алло?", confidence: null },
    ]);
    expect(parseVerboseJson(answer({ text: "" }), 4200)).toEqual([]);
  });

  it.each([
    ["not JSON", "<html>502 Bad Gateway</html>", "not JSON"],
    ["no text", answer({ segments: [] }), "text"],
    ["segments not a list", answer({ text: "x", segments: "x" }), "segments"],
    [
      "a segment without times",
      answer({ text: "x", segments: [{ text: "x" }] }),
      "segments.0.start",
    ],
    [
      "negative times",
      answer({ text: "x", segments: [{ start: -1, end: 1, text: "x" }] }),
      "segments.0.start",
    ],
  ])("refuses %s", (_what, body, where) => {
    expect(() => parseVerboseJson(body, 1000)).toThrow(MalformedTranscriptionError);
    expect(() => parseVerboseJson(body, 1000)).toThrow(where);
  });
});
