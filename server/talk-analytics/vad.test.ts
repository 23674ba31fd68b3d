import { describe, expect, it } from "vitest";
import { renderTurnsWav } from "@/server/pbx-simulator/wav";
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
  it("hears the speech-like voice where it is, on its own channel, and not the line noise", async () => {
    const wav = renderTurnsWav(
      8,
      [
        { channel: 0, startSec: 1, endSec: 3 },
        { channel: 1, startSec: 4, endSec: 6.5 },
      ],
      "vad-unit",
    );
    const speech = await detectSpeech(decodeChunks(wav, nextTick));
    expect(speech.durationMs).toBe(8000);
    const [manager, client] = speech.channels;
    expect(manager).toHaveLength(1);
    expect(client).toHaveLength(1);
    const [ms = 0, me = 0] = manager?.[0] ?? [];
    const [cs = 0, ce = 0] = client?.[0] ?? [];
    expect(Math.abs(ms - 1000)).toBeLessThan(100);
    expect(Math.abs(me - 3000)).toBeLessThan(250);
    expect(Math.abs(cs - 4000)).toBeLessThan(100);
    expect(Math.abs(ce - 6500)).toBeLessThan(250);
  });

  it("finds nothing in a recording of line noise alone", async () => {
    const speech = await detectSpeech(decodeChunks(renderTurnsWav(5, [], "quiet"), nextTick));
    expect(speech.channels).toEqual([[], []]);
  });

  it("refuses what is not WAV or MP3", () => {
    expect(() => decodeChunks(Buffer.from("<html>gateway timeout</html>...."), nextTick)).toThrow(
      /not audio/,
    );
  });
});
