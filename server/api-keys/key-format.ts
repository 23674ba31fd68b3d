import { createHash, randomBytes } from "node:crypto";

// "pult_" + 32 random bytes in base64url (43 characters). The key carries 256 bits of entropy,
// so a plain SHA-256 is a safe lookup hash; a slow password hash would only cost latency.
export const API_KEY_PREFIX = "pult_";
const RANDOM_BYTES = 32;
// Shown in lists so people can tell keys apart; reveals ~6 random characters, not the key.
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
// Keys from PULT_API_KEY are chosen by operators; still demand enough length to resist guessing.
export const MIN_API_KEY_LENGTH = 32;
export const MAX_API_KEY_LENGTH = 256;

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(RANDOM_BYTES).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** Cheap shape check before any database lookup: printable ASCII, sane length. */
export function isPlausibleApiKey(value: string): boolean {
  return (
    value.length >= MIN_API_KEY_LENGTH &&
    value.length <= MAX_API_KEY_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}
