import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig, setConfig } from "@/server/config";
import { createOpenAiTranscriber } from "@/server/transcripts/openai-backend";
import { json, probe, scriptedService, VERBOSE } from "@/server/transcripts/test-speech-service";
import { TranscriberError } from "@/server/transcripts/types";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";

// The OpenAI-compatible backend against a scripted service on 127.0.0.1: what it sends, and
// what each kind of answer becomes (retry later, or fail with a clear error).

let fixture: TenantFixture | undefined;

beforeAll(async () => {
  fixture = await setUpTenant();
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("the HTTP backend's answers", () => {
  const transcriberAt = (url: string, timeoutMs?: number) =>
    createOpenAiTranscriber({ endpoint: url, apiKey: "sk-test", model: "whisper-1", timeoutMs });

  it("sends the file, model, language and verbose_json with the key, and reads the segments", async () => {
    const service = await scriptedService([json(200, VERBOSE)]);
    try {
      const segments = await transcriberAt(service.url).transcribe(probe(), "ru");
      expect(segments).toHaveLength(1);
      expect(segments[0]).toMatchObject({ startMs: 250, endMs: 900, text: "Добрый день" });
      expect(segments[0]?.confidence).toBeCloseTo(Math.exp(-0.1), 5);
      expect(service.headers[0]?.authorization).toBe("Bearer sk-test");
      const body = service.bodies[0] ?? "";
      const fields: Array<[string, string]> = [
        ["model", "whisper-1"],
        ["language", "ru"],
        ["response_format", "verbose_json"],
        ["timestamp_granularities[]", "segment"],
      ];
      for (const [field, value] of fields)
        expect(body).toMatch(
          new RegExp(`name="${field.replace(/[[\]]/g, "\\$&")}"\\r\\n\\r\\n${value}\\r\\n`),
        );
      expect(body).toContain('name="file"; filename="channel.wav"');
    } finally {
      await service.close();
    }
  });

  it("asks to retry after Retry-After on 429, soon on 5xx and on a time-out", async () => {
    const service = await scriptedService([
      json(429, { error: { message: "Rate limit reached" } }, { "retry-after": "7" }),
      json(503, "upstream down"),
      () => undefined, // never answers
    ]);
    try {
      const limited = await transcriberAt(service.url)
        .transcribe(probe(), "ru")
        .catch((e: unknown) => e);
      expect(limited).toBeInstanceOf(TranscriberError);
      expect((limited as TranscriberError).retryAfterMs).toBe(7000);
      expect((limited as TranscriberError).message).toContain("Rate limit reached");
      const failed = await transcriberAt(service.url)
        .transcribe(probe(), "ru")
        .catch((e: unknown) => e);
      expect((failed as TranscriberError).isRetryable).toBe(true);
      expect((failed as TranscriberError).message).toContain("(503)");
      const slow = await transcriberAt(service.url, 300)
        .transcribe(probe(), "ru")
        .catch((e: unknown) => e);
      expect((slow as TranscriberError).isRetryable).toBe(true);
      expect((slow as TranscriberError).message).toContain("did not answer");
    } finally {
      await service.close();
    }
  });

  it("fails for good on a malformed answer, a refused key and a private address", async () => {
    const service = await scriptedService([
      json(200, { segments: "nope" }),
      json(200, "<html>proxy</html>"),
      json(401, { error: { message: "Incorrect API key provided: sk-test. Get a key at…" } }),
    ]);
    try {
      for (const expected of ["malformed", "not JSON", "refused the API key"]) {
        const error = await transcriberAt(service.url)
          .transcribe(probe(), "ru")
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TranscriberError);
        expect((error as TranscriberError).isRetryable).toBe(false);
        expect((error as TranscriberError).message).toContain(expected);
        // The key a service echoes never reaches the stored reason or the log.
        expect((error as TranscriberError).message).not.toContain("sk-test");
      }
      setConfig({ ...getConfig(), speechAllowPrivate: false });
      const refused = await transcriberAt(service.url)
        .transcribe(probe(), "ru")
        .catch((e: unknown) => e);
      expect((refused as TranscriberError).isRetryable).toBe(false);
      expect((refused as TranscriberError).message).toContain("not a public address");
      expect(service.hits()).toBe(3);
    } finally {
      setConfig({ ...getConfig(), speechAllowPrivate: true });
      await service.close();
    }
  });
});
