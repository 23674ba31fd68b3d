// Standard Webhooks signing (https://www.standardwebhooks.com): the headers webhook-id,
// webhook-timestamp (Unix seconds of this attempt) and webhook-signature ("v1," + base64
// HMAC-SHA256 of `id.timestamp.body` with the secret's bytes). The maintained `standardwebhooks`
// package computes it, so receivers can verify with the same library in their language.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

const SECRET_PREFIX = "whsec_";

/** A new signing secret: whsec_ + 32 random bytes in base64 (the convention's format). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The id a message keeps on every attempt and every endpoint. */
export const webhookIdOf = (messageId: string) => `msg_${messageId.replace(/-/g, "")}`;

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

export function signWebhook(
  secret: string,
  webhookId: string,
  at: Date,
  body: string,
): SignedHeaders {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

/** Throws when the headers do not sign the body with this secret (or are too old/new). */
export function verifyWebhook(secret: string, body: string, headers: Record<string, string>) {
  return new Webhook(secret).verify(body, headers);
}
