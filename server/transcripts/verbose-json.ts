import { z } from "zod";
import type { RecognizedSegment } from "@/server/transcripts/types";

// OpenAI's `response_format=verbose_json` answer of /v1/audio/transcriptions, as OpenAI, the
// servers that copy its API (faster-whisper-server, LocalAI, whisper.cpp's server, vLLM) and
// the bundled simulator send it: times in seconds, one entry per phrase. Only what Pult uses is
// checked; extra fields are ignored.
const segmentSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  avg_logprob: z.number().optional(),
  no_speech_prob: z.number().optional(),
});

const verboseJsonSchema = z.object({
  text: z.string(),
  language: z.string().optional(),
  duration: z.number().optional(),
  segments: z.array(segmentSchema).optional(),
});

export class MalformedTranscriptionError extends Error {}

/** exp(mean log-probability) of the phrase's tokens: Whisper's own 0..1 confidence. */
const confidenceOf = (logprob: number | undefined) =>
  logprob === undefined ? null : Math.min(1, Math.max(0, Math.exp(logprob)));

/**
 * The phrases of a verbose_json answer, in ms, empty ones dropped. An answer without segments
 * (a server ignoring timestamp_granularities) yields its whole text as one phrase over the
 * audio; anything else that does not match the format throws MalformedTranscriptionError.
 */
export function parseVerboseJson(body: string, audioDurationMs: number): RecognizedSegment[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedTranscriptionError("The answer is not JSON");
  }
  const parsed = verboseJsonSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "the answer";
    throw new MalformedTranscriptionError(
      `The answer is not a verbose_json transcription (${where} is missing or invalid)`,
    );
  }
  const { text, segments } = parsed.data;
  if (!segments) {
    const whole = text.trim();
    return whole ? [{ startMs: 0, endMs: audioDurationMs, text: whole, confidence: null }] : [];
  }
  return segments
    .map((s) => ({
      startMs: Math.round(s.start * 1000),
      endMs: Math.round(Math.max(s.start, s.end) * 1000),
      text: s.text.trim(),
      confidence: confidenceOf(s.avg_logprob),
    }))
    .filter((s) => s.text.length > 0);
}
