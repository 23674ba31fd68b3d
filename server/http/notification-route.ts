// POST /api/mtt/<key> served by the custom server itself: the PBX's notifications are the one
// high-rate route, and Next's request pipeline (routing, Web Request/Response conversion) cost a
// sizeable share of each one. Same domain function as app/api/mtt/[key]/route.ts, which still
// answers the OAuth return (GET) and serves tests that call the route handler directly.
import type { IncomingMessage, ServerResponse } from "node:http";
import { receiveNotificationBody } from "@/server/integrations/notifications";
import { log } from "@/server/logger";
import { MAX_NOTIFICATION_BYTES } from "@/server/mtt/notifications";
import { readLimitedNodeBody } from "@/server/http/read-limited-body";

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
    // Key, signature and body are checked before anything waits (server/integrations/
    // notifications.ts); overload is answered at once with Retry-After.
    const result = await receiveNotificationBody({
      notificationKey,
      body,
      signature: header(request, "x-mtt-signature"),
      contentType: header(request, "content-type"),
    });
    if (request.socket.destroyed) return;
    const headers: Record<string, string> =
      "retryAfterSec" in result ? { "Retry-After": String(result.retryAfterSec) } : {};
    // A body that was refused unread is not drained: the connection goes with the answer.
    if (!body.ok) headers.Connection = "close";
    sendJson(response, result.status, result.body, headers);
    if (!body.ok) response.once("finish", () => request.socket.destroy());
  } catch (error) {
    log.error("notification request failed", { error });
    if (!response.headersSent) response.writeHead(500).end();
  }
}
