import { describe, expect, it } from "vitest";
import {
  computeMonoFigures,
  computeStereoFigures,
  countInterruptions,
  intersectIntervals,
  longestMonologue,
  normalizeIntervals,
  silences,
  type Interval,
} from "@/server/talk-analytics/metrics";

const s = (a: number, b: number): Interval => [a * 1000, b * 1000];

describe("interval arithmetic", () => {
  it("sorts, merges touching and overlapping intervals, and clips to the recording", () => {
    expect(normalizeIntervals([s(5, 7), s(-1, 2), s(1, 3), s(3, 4), s(9, 12)], 10_000)).toEqual([
      s(0, 4),
      s(5, 7),
      s(9, 10),
    ]);
  });

  it("intersects two lanes piece by piece", () => {
    expect(intersectIntervals([s(0, 5), s(8, 10)], [s(4, 9), s(9.5, 12)])).toEqual([
      s(4, 5),
      s(8, 9),
      s(9.5, 10),
    ]);
    expect(intersectIntervals([s(0, 1)], [s(1, 2)])).toEqual([]);
  });

  it("counts silence between speech only, and a wordless recording as all silence", () => {
    expect(silences([s(1, 2), s(2.5, 4), s(10, 11)], 15_000)).toEqual([s(2, 2.5), s(4, 10)]);
    expect(silences([], 8000)).toEqual([s(0, 8)]);
  });
});

describe("interruptions", () => {
  const client = [s(0, 10)];
  it("counts the manager starting over the client and holding on", () => {
    expect(countInterruptions([s(3, 5)], client)).toBe(1);
  });
  it("does not count a short 'yes' over the client", () => {
    expect(countInterruptions([s(3, 3.4)], client)).toBe(0);
  });
  it("needs the overlap to last: starting just before the client stops is no interruption", () => {
    expect(countInterruptions([s(9.8, 14)], client)).toBe(0);
  });
  it("does not count speaking first, or after the client has finished", () => {
    expect(countInterruptions([s(0, 4), s(10, 12)], [s(0.5, 9)])).toBe(0);
  });
});

describe("longest monologue", () => {
  it("bridges own pauses under 3 s and the other party's backchannels", () => {
    const manager = [s(0, 10), s(12, 20), s(22.5, 30)];
    const client = [s(5, 5.5), s(15, 15.4)];
    expect(longestMonologue(manager, client)).toBe(30_000);
  });
  it("ends at a pause of 3 s or more", () => {
    expect(longestMonologue([s(0, 10), s(13, 15)], [])).toBe(10_000);
  });
  it("ends when the other party takes a real turn", () => {
    expect(longestMonologue([s(0, 10), s(12, 20)], [s(10, 11.5)])).toBe(10_000);
  });
});

describe("stereo figures", () => {
  // Manager greets at 1.5 s, client answers, the manager interrupts once, a 6 s silence while
  // the manager checks something, then a long pitch.
  const manager = [s(1.5, 4), s(9, 12), s(18, 40)];
  const client = [s(4.5, 10), s(12.5, 13), s(41, 45)];
  const figures = computeStereoFigures(manager, client, 50_000);

  it("gives each party's talk time and the manager's share", () => {
    expect(figures.managerTalkMs).toBe(2500 + 3000 + 22_000);
    expect(figures.clientTalkMs).toBe(5500 + 500 + 4000);
    expect(figures.talkRatio).toBeCloseTo(27_500 / 37_500, 6);
  });

  it("measures silence between speech and the longest gap", () => {
    // Speech union: 1.5–4, 4.5–12, 12.5–13, 18–40, 41–45.
    expect(figures.speechMs).toBe(2500 + 7500 + 500 + 22_000 + 4000);
    expect(figures.silenceMs).toBe(500 + 500 + 5000 + 1000);
    expect(figures.longestSilenceMs).toBe(5000);
  });

  it("counts overlaps and the manager's interruptions", () => {
    expect(figures.overlapMs).toBe(1000);
    expect(figures.overlapCount).toBe(1);
    expect(figures.managerInterruptions).toBe(1);
  });

  it("times the manager's first words and the longest monologue", () => {
    expect(figures.firstWordsMs).toBe(1500);
    expect(figures.longestMonologueMs).toBe(22_000);
    expect(figures.longestMonologueParty).toBe("MANAGER");
  });

  it("leaves the manager's figures empty when the manager never speaks", () => {
    const silentManager = computeStereoFigures([], [s(1, 5)], 10_000);
    expect(silentManager.firstWordsMs).toBeNull();
    expect(silentManager.talkRatio).toBe(0);
    expect(silentManager.longestMonologueParty).toBe("CLIENT");
    const nobody = computeStereoFigures([], [], 10_000);
    expect(nobody.talkRatio).toBeNull();
    expect(nobody.longestSilenceMs).toBe(10_000);
    expect(nobody.longestMonologueParty).toBeNull();
  });
});

describe("mono figures", () => {
  it("tells speech from silence and nothing about the parties", () => {
    const figures = computeMonoFigures([s(1, 5), s(4, 6), s(30, 31)], 40_000);
    expect(figures).toMatchObject({
      speechMs: 6000,
      silenceMs: 24_000,
      longestSilenceMs: 24_000,
      managerTalkMs: null,
      clientTalkMs: null,
      talkRatio: null,
      overlapMs: null,
      managerInterruptions: null,
      firstWordsMs: null,
      longestMonologueMs: null,
    });
  });
});
