import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export type PostResult = { status: number | null; error: string | null };

export type TransportOptions = {
  /** No response headers within this long → the attempt fails (the receiver must answer in 3 s). */
  timeoutMs: number;
  /** Deliveries on the wire at once; the rest wait in order, their timeout not yet running. */
  maxInFlight?: number;
};

type Waiting = { send: () => void };

// Idle kept-alive sockets close before a Node receiver's default 5 s keep-alive timeout, so a
// delivery rarely lands on a socket the receiver is closing.
const IDLE_SOCKET_MS = 4_000;

/**
 * POSTs notification bodies over kept-alive node:http connections, at most `maxInFlight` at a
 * time. fetch (undici) cost the simulator about three times the CPU per delivery (web streams,
 * AbortSignal.any per request). Unbounded, a receiver slower than the PBX's emission had
 * 100,000 requests queued inside the agent, each timing out and being spliced out of its queue
 * (seconds-long stalls, 1.6 GB); now the wait is an O(1) queue here and the timeout starts when
 * the request goes out, as a receiver would count it.
 */
export function createTransport(options: TransportOptions) {
  const maxInFlight = options.maxInFlight ?? 128;
  const agentOptions = { keepAlive: true, maxSockets: maxInFlight, timeout: IDLE_SOCKET_MS };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const inFlight = new Set<ClientRequest>();
  const waiting = createQueue<Waiting>();
  let isClosed = false;

  function next(): void {
    while (inFlight.size < maxInFlight) {
      const item = waiting.shift();
      if (!item) return;
      item.send();
    }
  }

  /** `onSent` runs when the request actually goes out (after any wait for a free slot). */
  function post(
    url: string,
    headers: Record<string, string>,
    body: string,
    onSent?: () => void,
  ): Promise<PostResult> {
    return new Promise((resolve) => {
      waiting.push({ send: () => send(url, headers, body, onSent, resolve) });
      next();
    });
  }

  function send(
    url: string,
    headers: Record<string, string>,
    body: string,
    onSent: (() => void) | undefined,
    resolve: (result: PostResult) => void,
  ): void {
    if (isClosed) return resolve({ status: null, error: "the simulator is closing" });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ status: null, error: `invalid URL ${url}` });
    }
    const isHttps = target.protocol === "https:";
    const request = isHttps ? httpsRequest : httpRequest;
    let isSettled = false;
    const settle = (result: PostResult) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      inFlight.delete(req);
      resolve(result);
      next();
    };
    const req = request(
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
    onSent?.();
    req.end(body);
  }

  return {
    post,
    close(): void {
      isClosed = true;
      for (let item = waiting.shift(); item; item = waiting.shift()) item.send();
      for (const req of inFlight) req.destroy(new Error("aborted: the simulator is closing"));
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** A FIFO with O(1) shift: an array read from a moving head, compacted now and then. */
export function createQueue<T>() {
  let items: T[] = [];
  let head = 0;
  return {
    push: (item: T) => void items.push(item),
    shift(): T | undefined {
      if (head >= items.length) return undefined;
      const item = items[head++];
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
    size: () => items.length - head,
  };
}
