// POST /api/mtt/<key> served by the custom server itself: the PBX's notifications are the one
// high-rate route, and Next's request pipeline (routing, Web Request/Response conversion) cost a
// sizeable share of each one. Same domain function as app/api/mtt/[key]/route.ts, which still
// answers the OAuth return (GET) and serves tests that call the route handler directly.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getPool } from "../db";
import { receiveNotificationBody } from "../integrations/notifications";
import { log } from "../logger";
import { MAX_NOTIFICATION_BYTES } from "../mtt/notifications";
import { createAdmissionGate, type AdmissionGate } from "./admission";
import { readLimitedNodeBody } from "./read-limited-body";

const NOTIFICATION_PATH = /^\/api\/mtt\/([^/?#]+)\/?(?:[?#].*)?$/;

/** The URL key of a PBX notification request, or null for any other request. */
export function notificationKeyOf(method: string | undefined, url: string | undefined) {
  if (method !== "POST" || !url) return null;
  const segment = NOTIFICATION_PATH.exec(url)?.[1];
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not a key we issued: refused as unknown
  }
}

// A notification waits at most this long for its turn, leaving the rest of the PBX's 3 s for the
// work itself; then it is answered 503 and the PBX resends it later (see ./admission.ts).
export const NOTIFICATION_MAX_WAIT_MS = 1000;
let gate: AdmissionGate | undefined;

/** One notification per pooled connection at a time: the queue is here, where it can be shed. */
function admission(): AdmissionGate {
  gate ??= createAdmissionGate({
    concurrency: Math.max(1, getPool().options.max ?? 10),
    maxWaitMs: NOTIFICATION_MAX_WAIT_MS,
  });
  return gate;
}

// A glance, not the parse (which follows): a wrong guess only changes the order of work.
const PARKED = /"parked"\s*:\s*true/;
const CALL_STARTED = /"type"\s*:\s*"callStarted"/;

function isParkedCallStart(body: { bytes: Uint8Array }): boolean {
  if (body.bytes.length > 4096) return false;
  const text = Buffer.from(body.bytes.buffer, body.bytes.byteOffset, body.bytes.length).toString(
    "latin1",
  );
  return CALL_STARTED.test(text) && PARKED.test(text);
}

const SHED_LOG_EVERY_MS = 10_000;
let lastShedLog = 0;
let shedSinceLog = 0;

function reportShed(): void {
  shedSinceLog++;
  const now = Date.now();
  if (now - lastShedLog < SHED_LOG_EVERY_MS) return;
  log.warn("overloaded: PBX notifications answered 503 to be resent later", {
    count: shedSinceLog,
    sinceMs: lastShedLog === 0 ? null : now - lastShedLog,
  });
  lastShedLog = now;
  shedSinceLog = 0;
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export async function serveNotification(
  request: IncomingMessage,
  response: ServerResponse,
  notificationKey: string,
): Promise<void> {
  try {
    const body = await readLimitedNodeBody(request, MAX_NOTIFICATION_BYTES);
    const receive = () =>
      receiveNotificationBody({
        notificationKey,
        body,
        signature: header(request, "x-mtt-signature"),
        contentType: header(request, "content-type"),
      });
    // A body refused unread (too large, broken) is answered at once: it needs no slot.
    const result = body.ok
      ? await admission().run(receive, {
          isAbandoned: () => request.socket.destroyed,
          urgent: isParkedCallStart(body),
        })
      : await receive();
    if (result === "shed") {
      reportShed();
      if (!request.socket.destroyed)
        sendJson(response, 503, { error: "overloaded" }, { "Retry-After": "1" });
      return;
    }
    // A body that was refused unread is not drained: the connection goes with the answer.
    sendJson(response, result.status, result.body, body.ok ? {} : { Connection: "close" });
    if (!body.ok) response.once("finish", () => request.socket.destroy());
  } catch (error) {
    log.error("notification request failed", { error });
    if (!response.headersSent) response.writeHead(500).end();
  }
}
