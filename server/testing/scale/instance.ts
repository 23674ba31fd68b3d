// One Pult instance for the scale-out test, as its own process: the same start-up as
// server/main.ts (config, boot, Socket.IO with the Redis adapter, job worker, recurring jobs) and
// the real route handlers for /api/health and /api/mtt/<key>, with tRPC over the fetch adapter
// and the session cookie read as the socket handshake reads it. Only Next's router is left out,
// so the test needs no production build.
//
// Extra for the test: two job queues that print `SCALE_JOB_RAN <jobId> <instance>` when they run
// (scale-test.quick at once, scale-test.slow after SCALE_SLOW_JOB_MS), and SCALE_LEASE_MS to
// shorten the job lease so that a slow job outlives it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import * as healthRoute from "@/app/api/health/route";
import * as mttRoute from "@/app/api/mtt/[key]/route";
import { appRouter } from "@/server/api/root";
import { loadSessionUser } from "@/server/auth/session-user";
import { boot } from "@/server/boot";
import { loadConfig } from "@/server/env";
import { jobHandlers, TOKEN_REFRESH_QUEUE } from "@/server/jobs/handlers";
import { startRecurringJobs } from "@/server/jobs/schedule";
import { startJobWorker, type JobHandler } from "@/server/jobs/worker";
import { startRealtime } from "@/server/realtime/io";
import { readSessionToken } from "@/server/realtime/session-cookie";

export const QUICK_QUEUE = "scale-test.quick";
export const SLOW_QUEUE = "scale-test.slow";

const name = process.env.SCALE_INSTANCE ?? "?";
const slowJobMs = Number(process.env.SCALE_SLOW_JOB_MS ?? 2_000);
const leaseMs = process.env.SCALE_LEASE_MS ? Number(process.env.SCALE_LEASE_MS) : undefined;

const recordRun =
  (delayMs: number): JobHandler =>
  async (job) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    process.stdout.write(`SCALE_JOB_RAN ${job.id} ${name}\n`);
  };

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(key, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

const config = loadConfig();
const booted = await boot(config);
const realtime = await startRealtime({ authSecret: booted.authSecret, redisUrl: config.redisUrl });
const worker = startJobWorker({
  handlers: { ...jobHandlers, [QUICK_QUEUE]: recordRun(20), [SLOW_QUEUE]: recordRun(slowJobMs) },
  pollMs: 200,
  leaseMs,
});
const stopRecurring = startRecurringJobs([{ queue: TOKEN_REFRESH_QUEUE, everyMs: 5 * 60 * 1000 }]);

const route = async (req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? "/", config.publicUrl);
  if (url.pathname === "/api/health") return send(res, await healthRoute.GET());
  const mtt = /^\/api\/mtt\/([^/]+)$/.exec(url.pathname);
  if (mtt) {
    const params = { params: Promise.resolve({ key: decodeURIComponent(mtt[1] ?? "") }) };
    const request = await toRequest(req, config.publicUrl);
    const handler = req.method === "POST" ? mttRoute.POST : mttRoute.GET;
    return send(res, await handler(request, params));
  }
  if (url.pathname.startsWith("/api/trpc/")) {
    const token = await readSessionToken(req.headers.cookie, booted.authSecret);
    const user = token ? await loadSessionUser(token.uid, token.sv) : null;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: await toRequest(req, config.publicUrl),
      router: appRouter,
      createContext: () => ({ user, ip: req.socket.remoteAddress ?? null }),
    });
    return send(res, response);
  }
  res.writeHead(404).end();
};

const server = createServer((req, res) => {
  if (realtime.handleRequest(req, res)) return;
  route(req, res).catch((error: unknown) => {
    console.error("request failed", error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
  if (!realtime.handleUpgrade(req, socket, head)) socket.destroy();
});
await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
process.stdout.write(`SCALE_INSTANCE_READY ${name}\n`);

process.once("SIGTERM", () => {
  stopRecurring();
  server.close();
  server.closeAllConnections();
  void worker
    .stop()
    .then(() => realtime.close())
    .then(() => booted.shutdown())
    .finally(() => process.exit(0));
});
