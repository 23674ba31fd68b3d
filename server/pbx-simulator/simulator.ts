import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallEngine } from "@/server/pbx-simulator/call-engine";
import type { CallRecord } from "@/server/pbx-simulator/call-types";
import { createTimerScope, systemClock, type Clock } from "@/server/pbx-simulator/clock";
import { handleControl } from "@/server/pbx-simulator/control";
import { handleTranscription } from "@/server/pbx-simulator/speech-api";
import { HttpError, readBody, sendError, sendHtml, sendJson } from "@/server/pbx-simulator/http";
import { silentLog, type SimulatorLog } from "@/server/pbx-simulator/log";
import {
  createNotifier,
  type DeliveryMode,
  type NotificationEntry,
} from "@/server/pbx-simulator/notifier";
import { createOAuth } from "@/server/pbx-simulator/oauth";
import { renderIndexPage, renderPhonesPage } from "@/server/pbx-simulator/phones-page";
import { createRandom } from "@/server/pbx-simulator/random";
import { createRecordingStore, sendAudio } from "@/server/pbx-simulator/recordings";
import { handleRpc } from "@/server/pbx-simulator/rpc";
import {
  changedSections,
  defaultDemoStructure,
  structureInputSchema,
  toStructure,
  type Structure,
  type StructureInput,
} from "@/server/pbx-simulator/structure";
import { createTraffic, type TrafficStatus } from "@/server/pbx-simulator/traffic";

export { defaultDemoStructure } from "@/server/pbx-simulator/structure";

export type SimulatorOptions = {
  /** 0 = an ephemeral port (default). */
  port?: number;
  host?: string;
  /** Base of links the PBX hands out (recording URLs); default http://localhost:<port>. */
  publicUrl?: string;
  clientId: string;
  clientSecret: string;
  login: string;
  password: string;
  /** The Redirect URI registered for the client in the "cabinet"; else the first one used. */
  redirectUri?: string;
  accessTokenTtlSec?: number;
  refreshTokenTtlSec?: number;
  parkTimeoutMs?: number;
  /** No answer at a workplace within this time → `callRedirected` noAnswer to the next target. */
  ringTimeoutMs?: number;
  /** An outside number picks up after this long; null = only via POST /control/calls/:id/answer. */
  remoteAnswerDelayMs?: number | null;
  recordingDelayMs?: number;
  rateLimit?: { requestsPerSecond: number };
  notificationRetryDelaysMs?: number[];
  notificationTimeoutMs?: number;
  signNotifications?: boolean;
  structure?: StructureInput;
  seed?: number | string;
  historyPageSize?: number;
  clock?: Clock;
  log?: SimulatorLog;
};

export type SimulatorState = {
  readonly structure: Structure;
  readonly redirectUri: string | undefined;
  call(callId: string): CallRecord | undefined;
  calls(options?: { isActive?: boolean; limit?: number }): CallRecord[];
  notifications(filter?: { callId?: string; type?: string }): NotificationEntry[];
  traffic(): TrafficStatus;
};

export type Simulator = {
  url: string;
  close(): Promise<void>;
  /**
   * Stops the traffic, hangs up every call in progress and waits (up to `timeoutMs`) until their
   * notifications are delivered: how the bundled PBX goes away without leaving calls open.
   */
  endAllCalls(timeoutMs: number): Promise<void>;
  registerRedirectUri(uri: string): void;
  /** Fault injection: hold or drop notifications as if the receiver could not be reached. */
  setDeliveryMode(mode: DeliveryMode): void;
  state: SimulatorState;
};

function listen(server: ReturnType<typeof createServer>, port: number, host: string) {
  return new Promise<AddressInfo>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no TCP address"));
      else resolve(address);
    });
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const log = options.log ?? silentLog;
  const clock = createTimerScope(options.clock ?? systemClock);
  const seed = options.seed ?? 1;
  let baseUrl = options.publicUrl?.replace(/\/+$/, "") ?? "";
  let redirectUri = options.redirectUri;
  const initial = structureInputSchema.parse(options.structure ?? defaultDemoStructure());
  let structure = toStructure(initial, initial.version ?? 1);
  const ringTimeoutMs = options.ringTimeoutMs ?? 20_000;

  const notifier = createNotifier({
    clock,
    targetUrl: () => redirectUri,
    secret: options.clientSecret,
    sign: options.signNotifications ?? true,
    retryDelaysMs: options.notificationRetryDelaysMs ?? [1000, 5000, 30_000, 120_000, 600_000],
    timeoutMs: options.notificationTimeoutMs ?? 3000,
    log,
  });
  const recordings = createRecordingStore({
    seed: String(seed),
    random: createRandom(`${seed}/split`),
  });
  const settings = {
    parkTimeoutMs: options.parkTimeoutMs ?? 5000,
    ringTimeoutMs,
    remoteAnswerDelayMs:
      options.remoteAnswerDelayMs === undefined ? 3000 : options.remoteAnswerDelayMs,
    recordingDelayMs: options.recordingDelayMs ?? 1500,
    historyPageSize: options.historyPageSize ?? 100,
  };
  const engine = createCallEngine({
    clock,
    notifier,
    structure: () => structure,
    recordings,
    baseUrl: () => baseUrl,
    settings,
  });
  const traffic = createTraffic({
    engine,
    clock,
    structure: () => structure,
    ringTimeoutMs,
    remoteAnswerDelayMs: settings.remoteAnswerDelayMs,
    defaultSeed: seed,
    log,
  });

  function registerRedirectUri(uri: string): void {
    const parsed = new URL(uri);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new Error(`the Redirect URI must be http(s): ${uri}`);
    }
    redirectUri = uri;
    log.info("Redirect URI registered", { redirectUri: uri });
    notifier.flush();
  }

  const oauth = createOAuth({
    clock,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    login: options.login,
    password: options.password,
    accessTokenTtlSec: options.accessTokenTtlSec ?? 7200,
    refreshTokenTtlSec: options.refreshTokenTtlSec ?? 259_200,
    registeredRedirectUri: () => redirectUri,
    registerRedirectUri,
    log,
  });

  function replaceStructure(input: Parameters<typeof toStructure>[0]): Structure {
    const next = toStructure(input, structure.version);
    const sections = changedSections(structure, next);
    if (sections.length === 0) return structure;
    structure = { ...next, version: structure.version + 1 };
    notifier.emit("settingsChanged", { sections });
    log.info("structure changed", { sections, version: structure.version });
    return structure;
  }

  let window = { second: -1, count: 0 };
  function isRateLimited(): boolean {
    if (!options.rateLimit) return false;
    const second = Math.floor(clock.now() / 1000);
    if (second !== window.second) window = { second, count: 0 };
    window.count++;
    return window.count > options.rateLimit.requestsPerSecond;
  }

  function unauthorized(res: ServerResponse): void {
    sendJson(
      res,
      401,
      { error: "invalid_token", error_description: "missing, unknown or expired token" },
      {
        "WWW-Authenticate": 'Bearer error="invalid_token"',
      },
    );
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === "/oauth/authorize" && (method === "GET" || method === "POST")) {
      return oauth.handleAuthorize(req, res, url);
    }
    if (path === "/oauth/token" && method === "POST") return oauth.handleToken(req, res);
    if (path === "/vats/v1" && method === "POST") {
      if (isRateLimited()) {
        return sendJson(res, 429, { error: "rate_limited" }, { "Retry-After": "1" });
      }
      if (!oauth.authenticate(req)) return unauthorized(res);
      const deps = { engine, recordings, structure: () => structure, baseUrl: () => baseUrl };
      const answer = handleRpc(
        { ...deps, historyPageSize: settings.historyPageSize },
        await readBody(req),
      );
      if (answer === null) {
        res.writeHead(204).end();
        return;
      }
      return sendJson(res, 200, answer);
    }
    const file = /^\/recordings\/([\w-]+)\/(\d+)\.wav$/.exec(path);
    if (file && (method === "GET" || method === "HEAD")) {
      if (!oauth.authenticate(req)) return unauthorized(res);
      const audio = recordings.render(file[1] ?? "", Number(file[2]));
      if (!audio) throw new HttpError(404, "not_found", "no such recording file");
      return sendAudio(req, res, audio);
    }
    if (path === "/v1/audio/transcriptions" && method === "POST")
      return handleTranscription(req, res);
    if (path === "/phones" && method === "GET")
      return sendHtml(res, 200, renderPhonesPage(structure));
    if (path === "/" && method === "GET") return sendHtml(res, 200, renderIndexPage(baseUrl));
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    if (path.startsWith("/control/")) {
      const controlDeps = {
        engine,
        notifier,
        traffic,
        structure: () => structure,
        replaceStructure,
        registerRedirectUri,
        redirectUri: () => redirectUri,
        recordingPlan: recordings.plan,
      };
      if (await handleControl(req, res, url, controlDeps)) return;
    }
    throw new HttpError(404, "not_found", `no route for ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) return sendError(res, error);
      log.error("simulator request failed", { error, url: req.url });
      sendError(res, new HttpError(500, "internal", "internal simulator error"));
    });
  });
  const address = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  baseUrl ||= `http://localhost:${address.port}`;
  if (redirectUri) registerRedirectUri(redirectUri);

  return {
    url: baseUrl,
    registerRedirectUri,
    setDeliveryMode: (mode) => notifier.setMode(mode),
    async endAllCalls(timeoutMs) {
      traffic.stop();
      for (const call of engine.list({ isActive: true })) {
        try {
          engine.hangup(call.callId);
        } catch (error) {
          log.warn("simulator: could not end a call", { callId: call.callId, error });
        }
      }
      const deadline = Date.now() + timeoutMs;
      while (notifier.stats().pending > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
    },
    async close() {
      traffic.stop();
      engine.close();
      clock.cancelAll();
      notifier.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    state: {
      get structure() {
        return structure;
      },
      get redirectUri() {
        return redirectUri;
      },
      call: (callId) => engine.get(callId),
      calls: (filter) => engine.list(filter),
      notifications: (filter) => notifier.list(filter),
      traffic: () => traffic.status(),
    },
  };
}
