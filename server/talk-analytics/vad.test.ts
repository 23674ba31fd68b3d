import { describe, expect, it } from "vitest";
import { placeClips } from "@/server/pbx-simulator/conversation";
import { renderPlanWav } from "@/server/pbx-simulator/wav";
import { decodeChunks } from "@/server/talk-analytics/decode";
import { nextTick } from "@/server/talk-analytics/pause";
import { detectSpeech, smoothSpeech } from "@/server/talk-analytics/vad";

describe("smoothSpeech", () => {
  it("bridges pauses under 300 ms and drops blips under 150 ms", () => {
    expect(
      smoothSpeech([
        [0, 90],
        [1000, 1500],
        [1700, 2400],
        [3000, 3100],
        [5000, 5600],
      ]),
    ).toEqual([
      [1000, 2400],
      [5000, 5600],
    ]);
  });
});

describe("detectSpeech (WebRTC VAD)", () => {
  it("hears the speech where it is, on its own channel, and not the line noise", async () => {
    // Real speech clips (Russian, espeak-ng) with known timings: a question, then the answer.
    const [question, answer] = placeClips([
      { clipId: "manager-question-2-female", startMs: 1000 },
      { clipId: "client-reply-2-male", startMs: 4500 },
    ]);
    if (!question || !answer) throw new Error("no turns");
    const wav = renderPlanWav([question, answer], { durationMs: 9000, seed: "vad-unit" });
    const speech = await detectSpeech(decodeChunks(wav, nextTick));
    expect(speech.durationMs).toBe(9000);
    const [manager, client] = speech.channels;
    expect(manager).toHaveLength(1);
    expect(client).toHaveLength(1);
    const [ms = 0, me = 0] = manager?.[0] ?? [];
    const [cs = 0, ce = 0] = client?.[0] ?? [];
    // Starts within a 30 ms frame or so; ends held on by up to a quarter of a second.
    expect(Math.abs(ms - question.startMs)).toBeLessThan(100);
    expect(Math.abs(me - question.endMs)).toBeLessThan(250);
    expect(Math.abs(cs - answer.startMs)).toBeLessThan(100);
    expect(Math.abs(ce - answer.endMs)).toBeLessThan(250);
  });

  it("finds nothing in a recording of line noise alone", async () => {
    const speech = await detectSpeech(
      decodeChunks(renderPlanWav([], { durationMs: 5000, seed: "quiet" }), nextTick),
    );
    expect(speech.channels).toEqual([[], []]);
  });

  it("refuses what is not WAV or MP3", () => {
    expect(() => decodeChunks(Buffer.from("<html>gateway timeout</html>...."), nextTick)).toThrow(
      /not audio/,
    );
  });
});
