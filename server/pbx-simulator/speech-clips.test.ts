import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  decodeMulaw,
  decodeMulawWav,
  encodeMulaw,
  measureSpeech,
} from "@/server/pbx-simulator/mulaw";
import {
  loadSpeechManifest,
  MANIFEST_FILE,
  PARTIES,
  SPEECH_DIR,
  speechClips,
  VOICES,
  type ScriptStep,
} from "@/server/pbx-simulator/speech-clips";

const MAX_SET_BYTES = 3 * 1024 * 1024;

describe("μ-law", () => {
  it("round-trips 16-bit samples within the codec's step (about 3 % of the value)", () => {
    for (const sample of [0, 1, -1, 100, -100, 1000, -5000, 16384, -16384, 32000, -32768]) {
      const decoded = decodeMulaw(encodeMulaw(sample));
      expect(Math.abs(decoded - sample)).toBeLessThanOrEqual(Math.max(8, Math.abs(sample) * 0.035));
    }
  });
});

describe("the speech clip set", () => {
  const manifest = loadSpeechManifest();
  const clips = speechClips();

  it("stays under 3 MB and holds exactly the manifest's files", () => {
    const files = readdirSync(SPEECH_DIR);
    const bytes = files.reduce((sum, name) => sum + statSync(path.join(SPEECH_DIR, name)).size, 0);
    expect(bytes).toBeLessThan(MAX_SET_BYTES);
    expect(files.filter((name) => name !== MANIFEST_FILE).sort()).toEqual(
      clips.map((clip) => clip.file).sort(),
    );
    expect(new Set(clips.map((clip) => clip.id)).size).toBe(clips.length);
    expect(manifest).toMatchObject({ encoding: "mu-law", sampleRate: 8000 });
  });

  it("matches every file: duration, trimmed speech start and end, one talk spurt each", () => {
    for (const clip of clips) {
      const measured = measureSpeech(
        decodeMulawWav(readFileSync(path.join(SPEECH_DIR, clip.file))),
      );
      const { durationMs, speechStartMs, speechEndMs } = measured;
      expect({ id: clip.id, durationMs, speechStartMs, speechEndMs }).toEqual({
        id: clip.id,
        durationMs: clip.durationMs,
        speechStartMs: clip.speechStartMs,
        speechEndMs: clip.speechEndMs,
      });
      // Trimmed: at most 20 ms of quiet before and after the speech.
      expect(clip.speechStartMs).toBeLessThanOrEqual(20);
      expect(clip.durationMs - clip.speechEndMs).toBeLessThanOrEqual(20);
      // Pauses inside a phrase were shortened, so a voice detector hears one spurt.
      expect(measured.longestPauseMs).toBeLessThanOrEqual(250);
      expect(clip.text.length).toBeGreaterThan(0);
      expect(clip.speechEndMs - clip.speechStartMs).toBeGreaterThan(150);
    }
  });

  it("has every script step of each party in both voices", () => {
    const steps: Record<(typeof PARTIES)[number], ScriptStep[]> = {
      manager: [
        "greeting",
        "question",
        "reply",
        "offer",
        "objection",
        "hold",
        "closing",
        "backchannel",
      ],
      client: ["greeting", "question", "reply", "objection", "closing", "backchannel"],
    };
    for (const party of PARTIES)
      for (const voice of VOICES)
        for (const step of steps[party])
          expect(
            clips.some((c) => c.party === party && c.voice === voice && c.step === step),
            `${party} ${voice} ${step}`,
          ).toBe(true);
    const greetings = clips.filter((c) => c.party === "manager" && c.step === "greeting");
    expect(greetings.some((c) => c.namesCompany)).toBe(true);
    expect(greetings.some((c) => !c.namesCompany)).toBe(true);
    const objections = clips.filter((c) => c.party === "client" && c.step === "objection");
    expect(objections.map((c) => c.text).join(" ")).toMatch(/дорого.*надо подумать/i);
  });

  it("pairs each question with a reply and each objection with an answer", () => {
    const phrases = (party: string, step: string) =>
      new Set(clips.filter((c) => c.party === party && c.step === step).map((c) => c.phrase));
    const numbers = (set: Set<string>) => [...set].map((p) => p.split("-").at(-1)).sort();
    const pairs = [
      ["manager", "question", "client", "reply"],
      ["client", "question", "manager", "reply"],
      ["client", "objection", "manager", "objection"],
    ] as const;
    for (const [askedBy, step, answeredBy, answer] of pairs)
      for (const n of numbers(phrases(askedBy, step)))
        expect(phrases(answeredBy, answer).has(`${answer}-${n}`)).toBe(true);
  });
});
