import { createHash, randomBytes } from "node:crypto";

/** A random token for links (invites) and keys; only its hash is stored. */
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
