import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export type PostResult = { status: number | null; error: string | null };

export type TransportOptions = {
  /** No response headers within this long → the attempt fails (the receiver must answer in 3 s). */
  timeoutMs: number;
  /** Concurrent connections to the receiver; further deliveries wait for a free one. */
  maxSockets?: number;
};

// Idle kept-alive sockets close before a Node receiver's default 5 s keep-alive timeout, so a
// delivery rarely lands on a socket the receiver is closing.
const IDLE_SOCKET_MS = 4_000;

/**
 * POSTs notification bodies over kept-alive node:http connections. fetch (undici) cost the
 * simulator about three times the CPU per delivery (web streams, AbortSignal.any per request)
 * and was most of its load at a few hundred notifications a second.
 */
export function createTransport(options: TransportOptions) {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    timeout: IDLE_SOCKET_MS,
  };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const inFlight = new Set<ClientRequest>();
  let isClosed = false;

  function post(url: string, headers: Record<string, string>, body: string): Promise<PostResult> {
    return new Promise((resolve) => {
      if (isClosed) return resolve({ status: null, error: "the simulator is closing" });
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return resolve({ status: null, error: `invalid URL ${url}` });
      }
      const isHttps = target.protocol === "https:";
      const send = isHttps ? httpsRequest : httpRequest;
      let isSettled = false;
      const settle = (result: PostResult) => {
        if (isSettled) return;
        isSettled = true;
        clearTimeout(timer);
        inFlight.delete(req);
        resolve(result);
      };
      const req = send(
        target,
        {
          method: "POST",
          agent: isHttps ? agents.https : agents.http,
          headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        },
        (res) => {
          const status = res.statusCode ?? null;
          res.resume(); // the body is not needed; draining it frees the socket for the next one
          const isOk = status !== null && status >= 200 && status <= 299;
          settle({ status, error: isOk ? null : `HTTP ${status}` });
        },
      );
      inFlight.add(req);
      const timer = setTimeout(
        () => req.destroy(new Error(`timeout: no answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      req.on("error", (error) => settle({ status: null, error: error.message }));
      req.end(body);
    });
  }

  return {
    post,
    close(): void {
      isClosed = true;
      for (const req of inFlight) req.destroy(new Error("aborted: the simulator is closing"));
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
