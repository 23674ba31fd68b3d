// A small load balancer for running several Pult instances behind one address (tests, benchmarks,
// a quick trial). Production belongs behind nginx or similar: see docs/deploy.md.
//
//   node --import tsx scripts/lb.ts --port 3000 --backend http://127.0.0.1:3001 --backend http://127.0.0.1:3002
//
// - Sticky sessions: the first answer sets the cookie `pult_lb=<instance>`; later requests with it
//   go to that instance while it is alive. Socket.IO requests without the cookie (a client that
//   drops cookies) go to an instance chosen by hashing the client address, so long-polling stays
//   on the instance that holds the session. Other requests without it are spread round robin.
// - WebSocket upgrades are proxied as raw TCP after the handshake.
// - X-Forwarded-For/-Proto/-Host are set; the lb is the edge, so a client's own X-Forwarded-For
//   is replaced unless --trust-forwarded says another proxy sits in front.
// - Health: GET /api/health on every instance each second; an instance that refuses connections
//   or fails two checks in a row is skipped until a check passes again. A request that could not
//   connect to its instance is retried on another one (nothing reached the first).
import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export type LoadBalancerOptions = {
  port: number;
  host?: string;
  /** Instance base URLs (http://host:port); instance labels are 1, 2, … in this order. */
  backends: string[];
  healthPath?: string;
  healthIntervalMs?: number;
  /** Consecutive failed checks before an instance is skipped. */
  failAfter?: number;
  /** Idle time on a proxied request before the lb answers 504. */
  proxyTimeoutMs?: number;
  cookieName?: string;
  /** What X-Forwarded-Proto tells the instances (the lb itself speaks plain HTTP). */
  forwardedProto?: "http" | "https";
  /** Keep the incoming X-Forwarded-For (another trusted proxy in front of this one). */
  trustForwarded?: boolean;
  log?: (message: string) => void;
};

type Backend = {
  label: string;
  url: URL;
  isAlive: boolean;
  failures: number;
};

export type LoadBalancer = {
  url: string;
  port: number;
  /** Labels of the instances currently receiving traffic. */
  alive(): string[];
  close(): Promise<void>;
};

// Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded; X-Forwarded-* are set by us.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authorization",
]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS"]);
const FORWARDED = new Set(["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"]);
// Connection errors after which the instance certainly saw nothing of the request.
const NOT_CONNECTED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// Bodies up to this size are kept so the request can be replayed on another instance.
const REPLAY_LIMIT = 256 * 1024;
const SOCKET_IO_PATH = "/socket.io/";

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const errorCode = (error: unknown): string =>
  error instanceof Error ? String(Reflect.get(error, "code") ?? error.message) : String(error);

export async function startLoadBalancer(opts: LoadBalancerOptions): Promise<LoadBalancer> {
  if (opts.backends.length === 0) throw new Error("at least one backend is needed");
  const log = opts.log ?? ((message: string) => console.error(`[lb] ${message}`));
  const cookieName = opts.cookieName ?? "pult_lb";
  const proto = opts.forwardedProto ?? "http";
  const backends: Backend[] = opts.backends.map((raw, i) => {
    const url = new URL(raw);
    if (url.protocol !== "http:") throw new Error(`backend ${raw}: only http:// is supported`);
    return { label: String(i + 1), url, isAlive: false, failures: 0 };
  });
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 256, timeout: 30_000 });
  let nextRoundRobin = 0;

  const setAlive = (backend: Backend, isAlive: boolean, why: string) => {
    if (backend.isAlive !== isAlive)
      log(`instance ${backend.label} (${backend.url.host}) is ${isAlive ? "up" : `down: ${why}`}`);
    backend.isAlive = isAlive;
    backend.failures = isAlive ? 0 : backend.failures;
  };

  const check = (backend: Backend) =>
    new Promise<void>((resolve) => {
      const req = http.get(
        new URL(opts.healthPath ?? "/api/health", backend.url),
        { agent, timeout: 2_000 },
        (res) => {
          res.resume();
          if (res.statusCode === 200) setAlive(backend, true, "");
          else fail(`health answered ${res.statusCode}`);
          resolve();
        },
      );
      const fail = (why: string) => {
        backend.failures++;
        if (backend.failures >= (opts.failAfter ?? 2) || !backend.isAlive)
          setAlive(backend, false, why);
      };
      req.on("timeout", () => req.destroy(new Error("health check timed out")));
      req.on("error", (error) => {
        fail(errorCode(error));
        resolve();
      });
    });
  await Promise.all(backends.map(check));
  const healthTimer = setInterval(
    () => void Promise.all(backends.map(check)),
    opts.healthIntervalMs ?? 1_000,
  );

  const clientAddress = (req: IncomingMessage): string => {
    const forwarded = req.headers["x-forwarded-for"];
    if (opts.trustForwarded && typeof forwarded === "string" && forwarded)
      return forwarded.split(",")[0]?.trim() ?? "";
    return req.socket.remoteAddress ?? "";
  };

  /** The instance for this request, and whether the answer should (re)set the sticky cookie. */
  const choose = (req: IncomingMessage, exclude: Set<Backend>) => {
    const alive = backends.filter((b) => b.isAlive && !exclude.has(b));
    if (alive.length === 0) return null;
    const wanted = readCookie(req.headers.cookie, cookieName);
    const sticky = alive.find((b) => b.label === wanted);
    if (sticky) return { backend: sticky, setCookie: false };
    if ((req.url ?? "").startsWith(SOCKET_IO_PATH)) {
      const digest = createHash("sha1").update(clientAddress(req)).digest();
      return { backend: alive[digest.readUInt32BE(0) % alive.length] as Backend, setCookie: true };
    }
    nextRoundRobin = (nextRoundRobin + 1) % alive.length;
    return { backend: alive[nextRoundRobin] as Backend, setCookie: true };
  };

  const forwardedHeaders = (req: IncomingMessage) => {
    const incoming = req.headers["x-forwarded-for"];
    const address = req.socket.remoteAddress ?? "";
    return {
      "x-forwarded-for":
        opts.trustForwarded && typeof incoming === "string" && incoming
          ? `${incoming}, ${address}`
          : address,
      "x-forwarded-proto": proto,
      "x-forwarded-host": req.headers.host ?? "",
    };
  };

  const cookieLine = (label: string) =>
    `${cookieName}=${label}; Path=/; HttpOnly; SameSite=Lax${proto === "https" ? "; Secure" : ""}`;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let buffered = 0;
    let isReplayable = true;
    let isBodyDone = false;
    const tried = new Set<Backend>();
    let current: http.ClientRequest | null = null;
    let resets = 0;

    const fail = (status: number, message: string) => {
      if (!res.headersSent) {
        res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
        res.end(`${message}\n`);
      } else res.destroy();
    };

    const attempt = () => {
      const choice = choose(req, tried);
      if (!choice) return fail(503, "No Pult instance is available.");
      const { backend, setCookie } = choice;
      tried.add(backend);
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.has(name) && !FORWARDED.has(name) && value !== undefined)
          headers[name] = value;
      }
      Object.assign(headers, forwardedHeaders(req));
      const upstream = http.request({
        agent,
        host: backend.url.hostname,
        port: backend.url.port,
        method: req.method,
        path: req.url,
        headers,
      });
      current = upstream;
      upstream.setTimeout(opts.proxyTimeoutMs ?? 120_000, () =>
        upstream.destroy(new Error("ETIMEDOUT")),
      );
      upstream.on("response", (upRes) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(upRes.headers)) {
          if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
        }
        if (setCookie) {
          const existing = out["set-cookie"];
          const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
          out["set-cookie"] = [...list, cookieLine(backend.label)];
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, out);
        upRes.pipe(res);
        upRes.on("error", () => res.destroy());
      });
      upstream.on("error", (error) => {
        const code = errorCode(error);
        if (current !== upstream) return;
        if (NOT_CONNECTED.has(code)) {
          setAlive(backend, false, code);
          if (isReplayable && !res.headersSent) return attempt();
        }
        // The instance closed an idle kept-alive connection as we reused it. Only requests that
        // are safe to repeat go again: a POST may have been processed before the reset.
        if (
          upstream.reusedSocket &&
          code === "ECONNRESET" &&
          IDEMPOTENT.has(req.method ?? "") &&
          isReplayable &&
          !res.headersSent &&
          resets++ < backends.length
        ) {
          tried.delete(backend);
          return attempt();
        }
        if (code === "ETIMEDOUT") return fail(504, "The Pult instance did not answer in time.");
        return fail(502, "The Pult instance closed the connection.");
      });
      for (const chunk of chunks) upstream.write(chunk);
      if (isBodyDone) upstream.end();
    };

    req.on("data", (chunk: Buffer) => {
      if (isReplayable) {
        buffered += chunk.length;
        if (buffered <= REPLAY_LIMIT) chunks.push(chunk);
        else {
          isReplayable = false;
          chunks.length = 0;
        }
      }
      if (current && !current.write(chunk)) {
        req.pause();
        current.once("drain", () => req.resume());
      }
    });
    req.on("end", () => {
      isBodyDone = true;
      current?.end();
    });
    // The browser went away before the answer: stop the instance's work on it too.
    res.on("close", () => {
      if (!res.writableFinished) current?.destroy();
    });
    attempt();
  };

  const onUpgrade = (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const tried = new Set<Backend>();
    client.on("error", () => client.destroy());
    const attempt = () => {
      const choice = choose(req, tried);
      if (!choice) {
        client.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
        return;
      }
      const { backend } = choice;
      tried.add(backend);
      const upstream = net.connect(Number(backend.url.port || 80), backend.url.hostname);
      upstream.setNoDelay(true);
      let isConnected = false;
      upstream.once("connect", () => {
        isConnected = true;
        const lines = [`${req.method ?? "GET"} ${req.url ?? "/"} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          const name = req.rawHeaders[i] ?? "";
          if (!FORWARDED.has(name.toLowerCase())) lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
        }
        for (const [name, value] of Object.entries(forwardedHeaders(req)))
          lines.push(`${name}: ${value}`);
        upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", (error) => {
        const code = errorCode(error);
        if (!isConnected && NOT_CONNECTED.has(code)) {
          setAlive(backend, false, code);
          return attempt();
        }
        client.destroy();
      });
      upstream.on("close", () => client.destroy());
      client.on("close", () => upstream.destroy());
    };
    if (client instanceof net.Socket) client.setNoDelay(true);
    attempt();
  };

  const server = http.createServer(onRequest);
  server.on("upgrade", onUpgrade);
  // Longer than the instances' 65 s, so the lb is never the one closing a reused connection.
  server.keepAliveTimeout = 75_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    alive: () => backends.filter((b) => b.isAlive).map((b) => b.label),
    async close() {
      clearInterval(healthTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      agent.destroy();
    },
  };
}

const USAGE = `Usage: node --import tsx scripts/lb.ts --port <n> --backend <url> [--backend <url> …]

  --port <n>             where the lb listens (required)
  --host <addr>          interface (127.0.0.1)
  --backend <url>        a Pult instance, e.g. http://127.0.0.1:3001 (repeat; labels 1, 2, … in order)
  --health-interval <ms> how often GET /api/health runs on every instance (1000)
  --forwarded-proto <p>  http or https: what X-Forwarded-Proto says (http)
  --trust-forwarded      append to an incoming X-Forwarded-For instead of replacing it
`;

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      backend: { type: "string", multiple: true, default: [] },
      "health-interval": { type: "string", default: "1000" },
      "forwarded-proto": { type: "string", default: "http" },
      "trust-forwarded": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const interval = Number(values["health-interval"]);
  const proto = values["forwarded-proto"];
  const problems = [
    !Number.isInteger(port) || port < 0 || port > 65_535
      ? `--port must be a port number, got "${values.port ?? ""}"`
      : null,
    values.backend.length === 0 ? "give at least one --backend http://host:port" : null,
    ...values.backend.map((b) =>
      /^http:\/\/[^/]+(:\d+)?\/?$/.test(b)
        ? null
        : `--backend must look like http://host:port, got "${b}"`,
    ),
    !Number.isFinite(interval) || interval < 100
      ? `--health-interval must be at least 100 ms, got "${values["health-interval"]}"`
      : null,
    proto !== "http" && proto !== "https"
      ? `--forwarded-proto must be http or https, got "${proto}"`
      : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) {
    console.error(`${problems.join("\n")}\n\n${USAGE}`);
    process.exit(2);
  }
  const lb = await startLoadBalancer({
    port,
    host: values.host,
    backends: values.backend,
    healthIntervalMs: interval,
    forwardedProto: proto === "https" ? "https" : "http",
    trustForwarded: values["trust-forwarded"],
  });
  console.log(
    `lb listening on ${lb.url} → ${values.backend.map((b, i) => `${i + 1}=${b}`).join(", ")} (alive: ${lb.alive().join(", ") || "none yet"})`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void lb.close().then(() => process.exit(0)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().catch((error: unknown) => {
    console.error("lb failed to start:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
