import { MttApiError } from "@/server/mtt/api-error";
import type { DownloadedPart, MttClient } from "@/server/mtt/rpc-client";
import { parseContentRange } from "@/server/recordings/http-range";

export type DownloadOptions = {
  /** Bytes per Range request; each request takes a fresh token. Default 8 MiB. */
  chunkBytes?: number;
  /** Refuse files larger than this (a broken server streaming forever). Default 1 GiB. */
  maxBytes?: number;
  /** Time for one chunk, headers and body. Default 60 s. */
  chunkTimeoutMs?: number;
  /** Called after each chunk, e.g. for progress. */
  onChunk?: (receivedBytes: number, totalBytes: number | null) => Promise<void> | void;
};

const DEFAULT_CHUNK = 8 * 1024 * 1024;
const DEFAULT_MAX = 1024 * 1024 * 1024;
const DEFAULT_CHUNK_TIMEOUT_MS = 60_000;

/** A download problem that another attempt will not fix (not audio, gone, refused). */
export class PermanentDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentDownloadError";
  }
}

export function isPermanentError(error: unknown): boolean {
  if (error instanceof PermanentDownloadError) return true;
  if (!(error instanceof MttApiError)) return false;
  if (error.kind === "untrusted_url") return true;
  // 404/403/410 will not change by retrying; 401 after a refresh means re-authorisation.
  return (
    error.kind === "http" && error.status !== undefined && [403, 404, 410].includes(error.status)
  );
}

/**
 * Downloads a recording file in Range chunks. Each chunk is a new authorised request, so an
 * access token that expires halfway through a long file is refreshed (the client retries a 401
 * once with a new token) and the download continues where it stopped instead of starting over.
 * Each chunk is read within its time limit and never beyond the bytes it asked for; the client
 * asks again for a chunk whose answer broke off or ran out of time (its usual retries).
 */
export async function downloadInChunks(
  client: MttClient,
  url: string,
  options: DownloadOptions = {},
): Promise<Buffer> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const timeoutMs = options.chunkTimeoutMs ?? DEFAULT_CHUNK_TIMEOUT_MS;
  const parts: Buffer[] = [];
  let received = 0;
  let total: number | null = null;
  for (;;) {
    const range = `bytes=${received}-${received + chunkBytes - 1}`;
    let part: DownloadedPart;
    try {
      part = await client.downloadFile(url, { range, timeoutMs, maxBytes });
    } catch (error) {
      // Size unknown and we asked past the end: everything has arrived.
      const isPastEnd = error instanceof MttApiError && error.status === 416 && received > 0;
      if (isPastEnd && total === null) break;
      throw error;
    }
    const body = part.body;
    if (part.status === 200) {
      // The server ignored Range: this is the whole file (only acceptable from the start).
      parts.length = 0;
      parts.push(body);
      received = body.length;
      total = received;
    } else {
      const contentRange = parseContentRange(part.contentRange);
      if (!contentRange || contentRange.start !== received)
        throw new Error(`The PBX answered a Range request with a wrong Content-Range (${range})`);
      parts.push(body);
      received += body.length;
      total = contentRange.total;
    }
    if (received > maxBytes) throw new PermanentDownloadError("The recording file is too large");
    await options.onChunk?.(received, total);
    if (total !== null && received >= total) break;
    if (body.length === 0) break; // nothing more is coming
  }
  return Buffer.concat(parts, received);
}
