import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Random } from "@/server/pbx-simulator/random";
import { planConversation, type ConversationPlan } from "@/server/pbx-simulator/conversation";
import { renderPlanWav, wavSizeBytes } from "@/server/pbx-simulator/wav";

export type RecordingFile = { index: number; durationSec: number; sizeBytes: number };
export type Recording = { recordingId: string; callId: string; files: RecordingFile[] };
export type ContractRecordingFile = {
  url: string;
  format: "wav";
  durationSec: number;
  sizeBytes: number;
};

// The real PBX is said to split long recordings; we split talks over this length half the time.
const SPLIT_OVER_SEC = 120;
const CACHE_SIZE = 6;

/** Splits a talk into parts whose whole seconds add up to the talk time. */
export function splitDurations(talkSec: number, random: Random): number[] {
  if (talkSec <= SPLIT_OVER_SEC || random.next() < 0.5) return [talkSec];
  const parts = Math.ceil(talkSec / SPLIT_OVER_SEC);
  const base = Math.floor(talkSec / parts);
  return Array.from({ length: parts }, (_, i) => (i < talkSec - base * parts ? base + 1 : base));
}

export type RecordingStore = ReturnType<typeof createRecordingStore>;

export function createRecordingStore(options: { seed: string; random: Random }) {
  const byId = new Map<string, Recording>();
  const byCall = new Map<string, Recording>();
  // Files are re-rendered from their seed on demand; a small cache serves streaming players.
  const cache = new Map<string, Buffer>();

  /** What is said when over the whole talk; a split recording's files are windows of it. */
  const planOf = (recordingId: string): ConversationPlan | undefined => {
    const recording = byId.get(recordingId);
    if (!recording) return undefined;
    const totalMs = recording.files.reduce((sum, file) => sum + file.durationSec * 1000, 0);
    return planConversation(totalMs, `${options.seed}/${recordingId}`);
  };

  return {
    create(callId: string, talkSec: number): Recording {
      const recordingId = randomUUID();
      const files = splitDurations(talkSec, options.random).map((durationSec, index) => ({
        index,
        durationSec,
        sizeBytes: wavSizeBytes(durationSec),
      }));
      const recording: Recording = { recordingId, callId, files };
      byId.set(recordingId, recording);
      byCall.set(callId, recording);
      return recording;
    },
    get: (recordingId: string) => byId.get(recordingId),
    plan: planOf,
    forCall: (callId: string) => byCall.get(callId),
    contractFiles(recording: Recording, baseUrl: string): ContractRecordingFile[] {
      return recording.files.map((file) => ({
        url: `${baseUrl}/recordings/${recording.recordingId}/${file.index}.wav`,
        format: "wav",
        durationSec: file.durationSec,
        sizeBytes: file.sizeBytes,
      }));
    },
    render(recordingId: string, index: number): Buffer | undefined {
      const recording = byId.get(recordingId);
      const file = recording?.files[index];
      if (!recording || !file) return undefined;
      const key = `${recordingId}/${index}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const fromMs = recording.files
        .slice(0, index)
        .reduce((sum, previous) => sum + previous.durationSec * 1000, 0);
      const turns = planOf(recordingId)?.turns ?? [];
      const buffer = renderPlanWav(turns, {
        durationMs: file.durationSec * 1000,
        fromMs,
        seed: `${options.seed}/${key}`,
      });
      cache.set(key, buffer);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? key);
      return buffer;
    },
  };
}

type ByteRange = { start: number; end: number };

/** Single `bytes=` ranges only; anything else is ignored (a 200 with the whole file is valid). */
export function parseRange(header: string, size: number): ByteRange | "unsatisfiable" | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, from = "", to = ""] = match;
  if (from === "" && to === "") return undefined;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== "" && Number(to) < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

export function sendAudio(req: IncomingMessage, res: ServerResponse, audio: Buffer): void {
  const headers = {
    "Content-Type": "audio/wav",
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=3600",
  };
  const rangeHeader = req.headers.range;
  const range = rangeHeader ? parseRange(rangeHeader, audio.length) : undefined;
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${audio.length}` });
    res.end();
    return;
  }
  const body = range ? audio.subarray(range.start, range.end + 1) : audio;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "Content-Length": body.length,
    ...(range ? { "Content-Range": `bytes ${range.start}-${range.end}/${audio.length}` } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
