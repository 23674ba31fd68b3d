import type { IncomingMessage } from "node:http";

export type LimitedBody =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" | "unreadable" };

/**
 * The request body, read only up to `maxBytes`. Content-Length can be absent (chunked) or lie,
 * so bytes are counted while reading and the stream is cancelled as soon as it passes the limit:
 * an endless or huge upload costs at most `maxBytes` of memory and never hangs the handler.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too_large" };
      }
      chunks.push(value);
    }
  } catch {
    // The client went away or sent a broken chunked body.
    return { ok: false, reason: "unreadable" };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** The same for a Node request (the custom server's own routes): counted while reading. */
export function readLimitedNodeBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<LimitedBody> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume(); // drained, not kept
    return Promise.resolve({ ok: false, reason: "too_large" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (result: LimitedBody) => {
      if (settled) return;
      settled = true;
      request.off("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // Stop buffering at once; the rest is read and dropped while the 413 goes out.
        request.resume();
        settle({ ok: false, reason: "too_large" });
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => settle({ ok: true, bytes: Buffer.concat(chunks) }));
    request.once("error", () => settle({ ok: false, reason: "unreadable" }));
    request.once("close", () => settle({ ok: false, reason: "unreadable" }));
  });
}
