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

export async function serveNotification(
  request: IncomingMessage,
  response: ServerResponse,
  notificationKey: string,
): Promise<void> {
  try {
    const body = await readLimitedNodeBody(request, MAX_NOTIFICATION_BYTES);
    const result = await admission().run(
      () =>
        receiveNotificationBody({
          notificationKey,
          body,
          signature: header(request, "x-mtt-signature"),
          contentType: header(request, "content-type"),
        }),
      { isAbandoned: () => request.socket.destroyed, urgent: body.ok && isParkedCallStart(body) },
    );
    if (result === "shed") {
      reportShed();
      if (request.socket.destroyed) return;
      const text = JSON.stringify({ error: "overloaded" });
      response.writeHead(503, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
        "Retry-After": "1",
      });
      response.end(text);
      return;
    }
    const text = JSON.stringify(result.body);
    response.writeHead(result.status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(text),
      // A body that was refused unread is not drained: the connection goes with the answer.
      ...(body.ok ? {} : { Connection: "close" }),
    });
    response.end(text);
    if (!body.ok) response.once("finish", () => request.socket.destroy());
  } catch (error) {
    log.error("notification request failed", { error });
    if (!response.headersSent) response.writeHead(500).end();
  }
}
