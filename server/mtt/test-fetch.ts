import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { createGuardedFetch } from "@/server/mtt/outbound";

// Test helpers for server/mtt: a scripted fetch and a real HTTP server on 127.0.0.1.

export type RecordedRequest = { url: string; method: string; headers: Headers; body: string };
type Reply = Response | Error | ((request: RecordedRequest) => Response | Promise<Response>);

/** A fetch that answers with `replies` in order and records every request. */
export function scriptedFetch(replies: Reply[]) {
  const requests: RecordedRequest[] = [];
  const queue = [...replies];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === "string" ? init.body : "";
    const request = {
      url,
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body,
    };
    requests.push(request);
    const reply = queue.shift();
    if (reply === undefined) throw new Error(`unexpected request #${requests.length} to ${url}`);
    if (reply instanceof Error) throw reply;
    if (reply instanceof Response) return reply;
    return reply(request);
  };
  return { fetch: fetchImpl, requests };
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
}

const rpcRequestSchema = z.object({
  jsonrpc: z.literal("2.0"),
  id: z.number(),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
});

export function rpcRequest(request: RecordedRequest) {
  const json: unknown = JSON.parse(request.body);
  return rpcRequestSchema.parse(json);
}

/** A JSON-RPC success that echoes the request id. */
export function rpcOk(result: unknown) {
  return (request: RecordedRequest) =>
    jsonResponse({ jsonrpc: "2.0", id: rpcRequest(request).id, result });
}

export function rpcFail(code: number, message: string, status = 200) {
  return (request: RecordedRequest) =>
    jsonResponse(
      { jsonrpc: "2.0", id: rpcRequest(request).id, error: { code, message } },
      { status },
    );
}

export function status(code: number, headers: Record<string, string> = {}): Response {
  return new Response(code === 204 ? null : `status ${code}`, { status: code, headers });
}

/** A fetch failure as Node reports it: TypeError("fetch failed") with a coded cause. */
export function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
  return new TypeError("fetch failed", { cause });
}

export type TestServer = { url: string; hits: () => number; close: () => Promise<void> };

/** A real server; `handler` may never answer, to exercise timeouts. */
export async function startTestServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

/** Awaits a promise that must reject with `type`, and returns the error for inspection. */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof type)) throw new Error(`expected ${type.name}, got ${String(error)}`);
  return error;
}

/** The fetch of a policy that may reach loopback: for tests against servers on this machine. */
export const loopbackFetch = createGuardedFetch({ allowPrivate: true });
