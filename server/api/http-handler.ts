import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { MAX_TRPC_BATCH } from "@/lib/trpc/limits";
import { readLimitedBody } from "@/server/http/read-limited-body";
import { appRouter } from "@/server/api/root";
import type { TrpcContext } from "@/server/api/trpc";

export const MAX_TRPC_BODY_BYTES = 1024 * 1024;

// JSON-RPC codes tRPC uses for these refusals; the shape is the one its client parses.
const REFUSALS = {
  PAYLOAD_TOO_LARGE: { status: 413, rpcCode: -32013 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, rpcCode: -32015 },
  BAD_REQUEST: { status: 400, rpcCode: -32600 },
} as const;

function refuse(code: keyof typeof REFUSALS, message: string): Response {
  const { status, rpcCode } = REFUSALS[code];
  const shape = {
    message,
    code: rpcCode,
    data: { code, httpStatus: status, appCode: "VALIDATION", path: null },
  };
  return Response.json({ error: superjson.serialize(shape) }, { status });
}

const isJson = (contentType: string | null) =>
  (contentType ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";

/**
 * /api/trpc: mutations are JSON (a form post is what a cross-site page can send without asking),
 * bodies are read only up to 1 MB, and a batch holds at most MAX_TRPC_BATCH calls.
 */
export async function handleTrpcRequest(
  req: Request,
  createContext: () => Promise<TrpcContext>,
): Promise<Response> {
  let request = req;
  if (req.method === "POST") {
    if (!isJson(req.headers.get("content-type")))
      return refuse("UNSUPPORTED_MEDIA_TYPE", "tRPC requests must be sent as application/json");
    const body = await readLimitedBody(req, MAX_TRPC_BODY_BYTES);
    if (!body.ok && body.reason === "too_large")
      return refuse("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MB");
    if (!body.ok) return refuse("BAD_REQUEST", "The request body could not be read");
    request = new Request(req.url, {
      method: "POST",
      headers: req.headers,
      body: new Uint8Array(body.bytes),
      signal: req.signal,
    });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext,
    maxBatchSize: MAX_TRPC_BATCH,
  });
}
