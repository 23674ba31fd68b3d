import { describe, expect, it } from "vitest";
import { planConversation } from "@/server/pbx-simulator/conversation";
import { parseMultipart, readMonoWav, transcribeSamples } from "@/server/pbx-simulator/speech-api";
import { renderPlanWav } from "@/server/pbx-simulator/wav";
import { buildMultipart } from "@/server/transcripts/openai-backend";
import { encodeMonoWav } from "@/server/transcripts/channel-audio";
import { parseVerboseJson } from "@/server/transcripts/verbose-json";

describe("the simulator's transcription endpoint", () => {
  it("reads the fields and the file of Pult's multipart upload", () => {
    const wav = encodeMonoWav(new Float32Array([0, 0.5, -0.5]), 8000);
    const { body, contentType } = buildMultipart([
      { name: "file", value: wav, filename: "channel.wav", type: "audio/wav" },
      { name: "model", value: "whisper-1" },
      { name: "response_format", value: "verbose_json" },
    ]);
    const parts = parseMultipart(body, contentType);
    expect(parts.map((p) => p.name)).toEqual(["file", "model", "response_format"]);
    expect(parts[0]?.filename).toBe("channel.wav");
    expect(Buffer.compare(parts[0]?.data ?? Buffer.alloc(0), wav)).toBe(0);
    expect(Array.from(readMonoWav(parts[0]?.data ?? Buffer.alloc(0)))).toEqual([0, 16384, -16384]);
  });

  it("refuses audio it did not make (not mono 8 kHz 16-bit PCM)", () => {
    expect(() => readMonoWav(encodeMonoWav(new Float32Array(10), 16000))).toThrow(/8 kHz/);
    expect(() => readMonoWav(Buffer.from("not audio at all, not at all"))).toThrow(/not a WAV/);
  });

  it("answers verbose_json that Pult's parser reads back to the planned phrases", () => {
    const plan = planConversation(30_000, "speech-api");
    const stereo = renderPlanWav(plan.turns, { durationMs: 30_000, seed: "speech-api" });
    const client = Int16Array.from({ length: (stereo.length - 44) / 4 }, (_, i) =>
      stereo.readInt16LE(44 + i * 4 + 2),
    );
    const answer = transcribeSamples(client, "ru");
    const segments = parseVerboseJson(JSON.stringify(answer), 30_000);
    const planned = plan.turns.filter((t) => t.channel === 1);
    expect(segments.map((s) => s.text)).toEqual(planned.map((t) => t.text));
    expect(answer.language).toBe("russian");
  });
});
