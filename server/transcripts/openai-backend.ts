import { randomBytes } from "node:crypto";
import { z } from "zod";
import { BodyTooLargeError, readBodyCapped } from "@/server/mtt/outbound";
import { speechFetch } from "@/server/transcripts/outbound";
import { MalformedTranscriptionError, parseVerboseJson } from "@/server/transcripts/verbose-json";
import {
  TranscriberError,
  type ChannelAudio,
  type RecognizedSegment,
  type Transcriber,
} from "@/server/transcripts/types";

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
// Whisper-class services take a fraction of the audio's length; a minute plus the audio's own
// length is generous, and a service that takes longer is treated as down.
const BASE_TIMEOUT_MS = 60_000;
// Retry-After is honoured up to an hour; past that the queue's own backoff decides.
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;
const DEFAULT_RETRY_MS = 30_000;

export type OpenAiBackendOptions = {
  /** Base URL: the request goes to {endpoint}/v1/audio/transcriptions. */
  endpoint: string;
  apiKey: string | null;
  model: string;
  /** Overrides the time limit (tests); default one minute plus the audio's length. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export function transcriptionUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, "")}/v1/audio/transcriptions`;
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

type Part = { name: string; value: string | Buffer; filename?: string; type?: string };

/** multipart/form-data by hand: the guarded fetch sends bytes, not FormData. */
export function buildMultipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----pult${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ""}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ""}\r\n`;
    chunks.push(Buffer.from(head, "utf8"), Buffer.from(part.value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function failureOf(status: number, retryAfterMs: number | null, detail: string): TranscriberError {
  const suffix = detail ? `: ${detail}` : "";
  if (status === 429)
    return new TranscriberError(
      `The speech service is rate limiting (429)${suffix}`,
      Math.min(retryAfterMs ?? DEFAULT_RETRY_MS, MAX_RETRY_AFTER_MS),
    );
  if (status >= 500)
    return new TranscriberError(
      `The speech service failed (${status})${suffix}`,
      retryAfterMs === null ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS),
    );
  if (status === 401 || status === 403)
    return new TranscriberError(
      `The speech service refused the API key (${status})${suffix}`,
      null,
    );
  if (status === 413)
    return new TranscriberError(`The audio is too large for the speech service (413)`, null);
  if (status >= 300 && status < 400)
    return new TranscriberError(
      `The speech service answered with a redirect (${status}), which is not followed`,
      null,
    );
  return new TranscriberError(`The speech service refused the request (${status})${suffix}`, null);
}

const errorAnswerSchema = z.object({
  error: z.union([z.string(), z.object({ message: z.string() })]),
});

/**
 * The first line of an error answer, for the message (OpenAI's { error: { message } } too). It
 * is stored and logged, so the key is cut out of it: services echo keys in their complaints.
 */
function detailOf(text: string, apiKey: string | null): string {
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  const parsed = errorAnswerSchema.safeParse(json);
  const detail = parsed.success
    ? typeof parsed.data.error === "string"
      ? parsed.data.error
      : parsed.data.error.message
    : (text.split("\n")[0] ?? "");
  const withoutKey = apiKey ? detail.split(apiKey).join("***") : detail;
  return withoutKey
    .replace(/\b(sk|key)-[\w*.-]{4,}/gi, "$1-***")
    .trim()
    .slice(0, 200);
}

/**
 * An OpenAI-compatible speech service: POST {endpoint}/v1/audio/transcriptions, multipart with
 * the file, model, language, response_format=verbose_json and timestamp_granularities[]=segment.
 * 429 and 5xx and timeouts and unreachable services are retried later; 4xx and malformed answers
 * fail at once (TranscriberError says which).
 */
export function createOpenAiTranscriber(options: OpenAiBackendOptions): Transcriber {
  const url = transcriptionUrl(options.endpoint);
  return {
    backend: "openai",
    model: options.model,
    async transcribe(audio: ChannelAudio, language: string): Promise<RecognizedSegment[]> {
      const { body, contentType } = buildMultipart([
        { name: "file", value: audio.wav, filename: "channel.wav", type: "audio/wav" },
        { name: "model", value: options.model },
        { name: "language", value: language },
        { name: "response_format", value: "verbose_json" },
        { name: "timestamp_granularities[]", value: "segment" },
      ]);
      const timeoutMs = options.timeoutMs ?? BASE_TIMEOUT_MS + audio.durationMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const response = await (options.fetch ?? speechFetch())(url, {
          method: "POST",
          body: new Uint8Array(body),
          headers: {
            "content-type": contentType,
            "user-agent": "Pult-Speech/1",
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          signal: controller.signal,
        });
        const text = (await readBodyCapped(response, MAX_ANSWER_BYTES)).toString("utf8");
        if (response.status !== 200)
          throw failureOf(
            response.status,
            parseRetryAfter(response.headers.get("retry-after")),
            detailOf(text, options.apiKey),
          );
        return parseVerboseJson(text, audio.durationMs);
      } catch (error) {
        if (error instanceof TranscriberError) throw error;
        if (error instanceof MalformedTranscriptionError)
          throw new TranscriberError(
            `The speech service's answer is malformed: ${error.message}`,
            null,
          );
        if (error instanceof BodyTooLargeError)
          throw new TranscriberError(`The speech service's answer is larger than 4 MB`, null);
        if (controller.signal.aborted)
          throw new TranscriberError(
            `The speech service did not answer within ${Math.round(timeoutMs / 1000)} s`,
            0,
          );
        if ((error as { code?: string } | null)?.code === "EOUTBOUNDREFUSED")
          throw new TranscriberError(error instanceof Error ? error.message : "Refused", null);
        const coded = error as { code?: string; cause?: { code?: string } } | null;
        const cause = coded?.code ?? coded?.cause?.code;
        const message = error instanceof Error ? error.message : String(error);
        throw new TranscriberError(
          `The speech service could not be reached (${cause ?? message})`,
          0,
        );
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
