import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import v8 from "node:v8";
import next from "next";
import { isHttpsRequest, securityHeaders } from "@/lib/security/headers";
import { clientIpOf } from "@/server/auth/client-ip";
import { crossSiteRefusal, isCrossSite, needsOriginCheck } from "@/server/auth/cross-site";
import { CLIENT_IP_HEADER, REQUEST_PATH_HEADER } from "@/server/auth/request-headers";
import { printBox, welcomeLines } from "@/server/banner";
import { boot, StartupError } from "@/server/boot";
import { DataDirLockedError } from "@/server/db/data-dir-lock";
import { runDemo, startBundledSimulator, type DemoState } from "@/server/demo/demo";
import { ConfigError, loadConfig } from "@/server/env";
import {
  enqueueReconcile,
  RECONCILE_EVERY_MS,
  RECONCILE_QUEUE,
} from "@/server/integrations/reconcile";
import { startFeedWatch } from "@/server/integrations/reconcile-feed";
import { jobHandlers, TOKEN_REFRESH_QUEUE } from "@/server/jobs/handlers";
import { startRecurringJobs } from "@/server/jobs/schedule";
import { startJobWorker } from "@/server/jobs/worker";
import { transcriptJobHandlers } from "@/server/transcripts/job";
import { notificationKeyOf, serveNotification } from "@/server/http/notification-route";
import { settleLivePath, startLivePath } from "@/server/calls/live-path";
import { log } from "@/server/logger";
import {
  WEBHOOK_PRUNE_EVERY_MS,
  WEBHOOK_SWEEP_EVERY_MS,
  WEBHOOK_WORKER_CONCURRENCY,
  WEBHOOK_WORKER_POLL_MS,
  webhookJobHandlers,
} from "@/server/webhooks/jobs";
import { WEBHOOK_PRUNE_QUEUE, WEBHOOK_SWEEP_QUEUE } from "@/server/webhooks/queues";
import { startRealtime } from "@/server/realtime/io";
import {
  beginStartCheck,
  configureLiveCheck,
  LIVE_CHECK_EVERY_MS,
  LIVE_CHECK_QUEUE,
} from "@/server/integrations/live-calls-check";

process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main(): Promise<void> {
  const config = loadConfig();
  process.env.LOG_LEVEL = config.logLevel;
  // V8 lets the heap grow to about four times what is live before collecting again: with 1,000
  // signed-in sockets that held ~600 MB of garbage. Read by V8 at every collection.
  if (config.heapGrowthPercent > 0)
    v8.setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
  const booted = await boot(config);
  // Calls held as in progress now are asked about by the first live-calls check (a job at start,
  // again after every PBX connection); until then routing does not count their managers busy.
  beginStartCheck(new Date());
  configureLiveCheck({ silentTalkMs: config.maxTalkMs });
  const simulator = await startBundledSimulator(booted.config);

  const app = next({
    dev: config.isDev,
    dir: process.cwd(),
    hostname: config.host,
    port: config.port,
  });
  await app.prepare();
  const handleNext = app.getRequestHandler();
  const handleNextUpgrade = app.getUpgradeHandler();
  const realtime = await startRealtime({
    authSecret: booted.authSecret,
    redisUrl: config.redisUrl,
    publicUrl: config.publicUrl,
  });
  // Notifications stored but never folded by an earlier process are folded first.
  const livePath = await startLivePath();
  const worker = startJobWorker({ handlers: jobHandlers });
  // Transcription waits on a speech service for up to minutes per call: a worker of its own,
  // one job at a time, so it never holds up downloads and other jobs (and keeps costs paced).
  const transcriptWorker = startJobWorker({ handlers: transcriptJobHandlers, concurrency: 1 });
  const webhookWorker = startJobWorker({
    handlers: webhookJobHandlers,
    concurrency: WEBHOOK_WORKER_CONCURRENCY,
    pollMs: WEBHOOK_WORKER_POLL_MS,
  });
  // First stamp before the first reconcile: a downtime gap is then reconciled at start-up.
  const stopFeedWatch = await startFeedWatch({
    onGap: () => enqueueReconcile(),
    retryWindowMs: config.pbxRetryWindowMs,
  });
  const stopRecurring = startRecurringJobs([
    { queue: TOKEN_REFRESH_QUEUE, everyMs: 5 * 60 * 1000 },
    { queue: RECONCILE_QUEUE, everyMs: RECONCILE_EVERY_MS },
    { queue: LIVE_CHECK_QUEUE, everyMs: LIVE_CHECK_EVERY_MS },
    { queue: WEBHOOK_PRUNE_QUEUE, everyMs: WEBHOOK_PRUNE_EVERY_MS },
    { queue: WEBHOOK_SWEEP_QUEUE, everyMs: WEBHOOK_SWEEP_EVERY_MS },
  ]);

  let inFlight = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    // Set by us only: a client cannot spoof where it comes from or which page it asked for.
    req.headers[CLIENT_IP_HEADER] = clientIpOf(req, config.trustProxy);
    req.headers[REQUEST_PATH_HEADER] = req.url ?? "/";
    // Every response, Socket.IO's and error pages included; pages add their CSP in proxy.ts.
    const isHttps = isHttpsRequest(req.headers["x-forwarded-proto"], config.publicUrl);
    for (const [name, value] of securityHeaders({ path: req.url ?? "/", isHttps }))
      res.setHeader(name, value);
    if (realtime.handleRequest(req, res)) return;
    if (needsOriginCheck(req.method, req.url) && isCrossSite(req.headers, config.publicUrl)) {
      const refusal = crossSiteRefusal();
      res.writeHead(refusal.status, { "content-type": "application/json" }).end(refusal.body);
      return;
    }
    inFlight++;
    res.on("close", () => inFlight--);
    const notificationKey = notificationKeyOf(req.method, req.url);
    if (notificationKey !== null) {
      void serveNotification(req, res, notificationKey);
      return;
    }
    handleNext(req, res).catch((error: unknown) => {
      log.error("request failed", { url: req.url, error });
      if (!res.headersSent) res.writeHead(500).end("Internal error");
    });
  };
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (realtime.handleUpgrade(req, socket, head)) return;
    if (config.isDev) {
      void handleNextUpgrade(req, socket, head);
      return;
    }
    socket.destroy();
  };

  const server = createServer(onRequest);
  server.on("upgrade", onUpgrade);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });

  // The demo connects through the real OAuth redirect and notification endpoint, so it needs
  // the server listening first.
  let demo: DemoState | null = null;
  if (simulator && booted.config.demo.enabled) {
    demo = await runDemo(booted.config, simulator).catch((error: unknown) => {
      log.error("demo set-up failed", { error });
      return null;
    });
  }
  printBox(welcomeLines(booted.config, booted.bootstrap, demo, simulator?.url ?? null));

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info(`${signal} received: finishing in-flight requests`);
    // The bundled PBX goes away with Pult: it ends its calls and reports the ends first, as a
    // PBX that stays up would, so the next start shows no call left in progress.
    await simulator?.endAllCalls(3_000);
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeAllConnections();
    // What was acknowledged is durable already; folding it now spares the next start the work.
    await settleLivePath(5_000);
    livePath.stop();
    stopRecurring();
    stopFeedWatch();
    await worker.stop();
    await webhookWorker.stop();
    await transcriptWorker.stop();
    await realtime.close();
    await simulator?.close();
    await app.close().catch(() => undefined);
    await booted.shutdown();
    log.info("Pult stopped");
    process.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof DataDirLockedError
  ) {
    console.error(`\nPult cannot start.\n${error.message}\n`);
  } else if (error instanceof Error && (error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(
      `\nPult cannot start: port ${process.env.PORT ?? 3000} is already in use. Set PORT to a free port.\n`,
    );
  } else {
    console.error("\nPult failed to start:", error);
  }
  process.exit(1);
});
