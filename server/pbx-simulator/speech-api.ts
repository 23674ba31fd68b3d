import type { IncomingMessage, ServerResponse } from "node:http";
import { identifyClips } from "@/server/pbx-simulator/clip-match";
import { HttpError, sendJson } from "@/server/pbx-simulator/http";
import { CLIP_SAMPLE_RATE } from "@/server/pbx-simulator/mulaw";

// An OpenAI-compatible speech-to-text endpoint (POST /v1/audio/transcriptions) for the demo and
// the tests: it "recognises" the phrases it assembled recordings from (clip-match.ts) in the
// uploaded audio alone, and answers verbose_json with their known text and timings. Any API key
// is accepted. Only what the simulator's own recordings are: 16-bit PCM WAV at 8 kHz, one channel.

const MAX_UPLOAD_BYTES = 25 * 1024 * 1024; // OpenAI's own limit

async function readUpload(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_UPLOAD_BYTES)
      throw new HttpError(413, "file_too_large", "Maximum content size limit (26214400) exceeded");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export type FormPart = { name: string; filename: string | null; data: Buffer };

/** multipart/form-data parts; throws a 400 for anything else. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !marker)
    throw new HttpError(400, "invalid_request_error", "Expected multipart/form-data");
  const delimiter = Buffer.from(`--${marker}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // CRLF after the delimiter, before the next
    const headEnd = part.indexOf("\r\n\r\n");
    if (headEnd >= 0) {
      const head = part.subarray(0, headEnd).toString("utf8");
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1] ?? null;
      if (name) parts.push({ name, filename, data: part.subarray(headEnd + 4) });
    }
    at = next;
  }
  return parts;
}

/** The samples of a mono 16-bit PCM WAV at 8 kHz. */
export function readMonoWav(buffer: Buffer): Int16Array {
  if (buffer.toString("ascii", 0, 4) !== "RIFF" || buffer.toString("ascii", 8, 12) !== "WAVE")
    throw new HttpError(400, "invalid_request_error", "The file is not a WAV file");
  let offset = 12;
  let format: { encoding: number; channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString("ascii", offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ")
      format = {
        encoding: buffer.readUInt16LE(body),
        channels: buffer.readUInt16LE(body + 2),
        rate: buffer.readUInt32LE(body + 4),
        bits: buffer.readUInt16LE(body + 14),
      };
    if (id === "data") {
      if (
        !format ||
        format.encoding !== 1 ||
        format.channels !== 1 ||
        format.bits !== 16 ||
        format.rate !== CLIP_SAMPLE_RATE
      )
        throw new HttpError(
          400,
          "invalid_request_error",
          "Only mono 16-bit PCM WAV at 8 kHz is supported",
        );
      const end = Math.min(buffer.length, body + size);
      const samples = new Int16Array(Math.floor((end - body) / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(body + i * 2);
      return samples;
    }
    offset = body + size + (size % 2);
  }
  throw new HttpError(400, "invalid_request_error", "The WAV file has no data chunk");
}

/** The verbose_json answer for one channel's samples. */
export function transcribeSamples(samples: Int16Array, language: string) {
  const clips = identifyClips(samples);
  const duration = samples.length / CLIP_SAMPLE_RATE;
  return {
    task: "transcribe",
    language: language === "ru" ? "russian" : language,
    duration,
    text: clips.map((c) => c.text).join(" "),
    segments: clips.map((c, id) => ({
      id,
      seek: 0,
      start: c.startMs / 1000,
      end: c.endMs / 1000,
      text: ` ${c.text}`,
      tokens: [],
      temperature: 0,
      avg_logprob: Math.log(Math.max(0.01, c.score)),
      compression_ratio: 1,
      no_speech_prob: 0,
    })),
  };
}

export async function handleTranscription(req: IncomingMessage, res: ServerResponse) {
  const parts = parseMultipart(await readUpload(req), req.headers["content-type"] ?? "");
  const field = (name: string) => parts.find((p) => p.name === name);
  const file = field("file");
  if (!file) throw new HttpError(400, "invalid_request_error", "The file field is missing");
  const format = field("response_format")?.data.toString("utf8") ?? "json";
  const language = field("language")?.data.toString("utf8") ?? "ru";
  const answer = transcribeSamples(readMonoWav(file.data), language);
  if (format === "verbose_json") return sendJson(res, 200, answer);
  if (format === "text") {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    return void res.end(answer.text);
  }
  return sendJson(res, 200, { text: answer.text });
}
