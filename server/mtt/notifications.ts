import { createHmac, timingSafeEqual } from "node:crypto";
import type { MttNotification } from "@/server/mtt/types";
import {
  NOTIFICATION_TYPES,
  notificationEnvelopeSchema,
  notificationSchema,
  parseWire,
} from "@/server/mtt/wire-schemas";

export const NOTIFICATION_SIGNATURE_HEADER = "x-mtt-signature";

/** Larger bodies are not notifications from the PBX; refuse them before parsing. */
export const MAX_NOTIFICATION_BYTES = 256 * 1024;

export type ParsedNotification =
  | { ok: true; notification: MttNotification }
  // A type newer than our contract: acknowledge it (so the PBX stops retrying) and log it.
  | { ok: true; ignored: true; id: string; type: string }
  | { ok: false; reason: string };

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Far deeper than the contract's notifications (4 levels); JSON parsers and jsonb recurse. */
export const MAX_NOTIFICATION_DEPTH = 32;

// PostgreSQL text and jsonb cannot hold NUL, and jsonb refuses unpaired UTF-16 surrogates.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** The text with what PostgreSQL cannot store replaced by U+FFFD, for logs of rejected input. */
export function toStorableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, "\ufffd");
}

type Visit = { value: unknown; key: string; parent: Visit | null; depth: number };

// Built only for the answer: paths of a wide body would cost memory if made for every value.
function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent)
    keys.unshift(v.key.length > 40 ? `${v.key.slice(0, 40)}…` : v.key);
  return toStorableText(keys.join(".")) || "(root)";
}

/** Why the parsed body cannot be stored as it is, or null when it can. Iterative: no recursion. */
function findUnstorable(json: unknown): string | null {
  const stack: Visit[] = [{ value: json, key: "", parent: null, depth: 0 }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { value, depth } = visit;
    if (typeof value === "string") {
      if (UNSTORABLE.test(value))
        return `${pathOf(visit)}: text with a NUL character or an unpaired surrogate`;
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_NOTIFICATION_DEPTH)
      return `${pathOf(visit)}: nested deeper than ${MAX_NOTIFICATION_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) {
      const next: Visit = { value: child as unknown, key, parent: visit, depth: depth + 1 };
      if (UNSTORABLE.test(key))
        return `${pathOf(next)}: a key with a NUL character or an unpaired surrogate`;
      // Prisma's JSON serialisation turns it into a prototype and fails; no PBX sends it.
      if (key === "__proto__") return `${pathOf(next)}: a key named __proto__ is not accepted`;
      stack.push(next);
    }
  }
  return null;
}

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
    // RFC 8259: JSON is UTF-8. Decoding leniently would store something the PBX never sent.
    const text =
      typeof rawBody === "string"
        ? rawBody
        : new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(rawBody);
    json = JSON.parse(text);
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, reason: "the body is not valid UTF-8" };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `malformed JSON: ${detail}` };
  }
  const envelope = parseWire(notificationEnvelopeSchema, json);
  if (!envelope.ok) return envelope;
  const { id, type } = envelope.data;
  if (!NOTIFICATION_TYPES.includes(type)) return { ok: true, ignored: true, id, type };
  const parsed = parseWire(notificationSchema, json);
  if (!parsed.ok) return parsed;
  // Known types are stored as they came (the call is re-folded from them later).
  const unstorable = findUnstorable(json);
  if (unstorable) return { ok: false, reason: unstorable };
  return { ok: true, notification: parsed.data };
}
