import { NextRequest } from "next/server";
import { readLimitedBody } from "@/server/http/read-limited-body";

// Sign-in forms, CSRF tokens and callbacks are a few hundred bytes.
export const MAX_AUTH_BODY_BYTES = 1024 * 1024;

/**
 * The request with its body read up to the limit (so next-auth never buffers more), or the
 * JSON answer when it is larger or unreadable.
 */
export async function withLimitedBody(request: NextRequest): Promise<NextRequest | Response> {
  const body = await readLimitedBody(request, MAX_AUTH_BODY_BYTES);
  if (!body.ok && body.reason === "too_large") {
    return Response.json(
      { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than 1 MB" },
      { status: 413 },
    );
  }
  if (!body.ok) return Response.json({ code: "BAD_REQUEST" }, { status: 400 });
  return new NextRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: new Uint8Array(body.bytes),
    signal: request.signal,
  });
}
