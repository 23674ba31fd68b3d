import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Versioned so the key or algorithm can rotate without guessing what old rows used.
const VERSION = "v1";

// HKDF per call would run on every notification (its signing secret is stored encrypted).
const derivedKeys = new Map<string, Buffer>();

export function deriveKey(secret: string, purpose: string): Buffer {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "pult", purpose, 32));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/** AES-256-GCM with a random IV: for OAuth tokens and client secrets stored in the database. */
export function encryptSecret(plaintext: string, secret: string): string {
  const key = deriveKey(secret, "secret-box");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString("base64url"),
    tag.toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function decryptSecret(ciphertext: string, secret: string): string {
  const [version, iv, tag, body] = ciphertext.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new Error("Unrecognised encrypted value");
  }
  const decipher = createDecipheriv(
    "aes-256-gcm",
    deriveKey(secret, "secret-box"),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
