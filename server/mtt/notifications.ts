import { createHmac, timingSafeEqual } from "node:crypto";
import type { MttNotification } from "./types";
import {
  NOTIFICATION_TYPES,
  notificationEnvelopeSchema,
  notificationSchema,
  parseWire,
} from "./wire-schemas";

export const NOTIFICATION_SIGNATURE_HEADER = "x-mtt-signature";

/** Larger bodies are not notifications from the PBX; refuse them before parsing. */
export const MAX_NOTIFICATION_BYTES = 256 * 1024;

export type ParsedNotification =
  | { ok: true; notification: MttNotification }
  // A type newer than our contract: acknowledge it (so the PBX stops retrying) and log it.
  | { ok: true; ignored: true; id: string; type: string }
  | { ok: false; reason: string };

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-MTT-Signature: sha256=<hex>` (HMAC-SHA256 of the raw body, keyed with the client
 * secret). Pass the body exactly as received: re-serialised JSON will not match.
 */
export function verifyNotificationSignature(
  rawBody: string | Buffer,
  header: string | null,
  secret: string,
): boolean {
  if (!header || !secret) return false;
  const match = SIGNATURE.exec(header.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], "hex");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(given, expected);
}

export function parseNotification(rawBody: string | Buffer): ParsedNotification {
  const size = typeof rawBody === "string" ? Buffer.byteLength(rawBody) : rawBody.length;
  if (size > MAX_NOTIFICATION_BYTES) {
    return { ok: false, reason: `body too large: ${size} bytes (limit ${MAX_NOTIFICATION_BYTES})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `malformed JSON: ${detail}` };
  }
  const envelope = parseWire(notificationEnvelopeSchema, json);
  if (!envelope.ok) return envelope;
  const { id, type } = envelope.data;
  if (!NOTIFICATION_TYPES.includes(type)) return { ok: true, ignored: true, id, type };
  const parsed = parseWire(notificationSchema, json);
  if (!parsed.ok) return parsed;
  return { ok: true, notification: parsed.data };
}
