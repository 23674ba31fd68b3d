// Routing's "ask the CRM": POST the caller's and the dialed number to the company's lookup URL,
// signed like the webhooks (Standard Webhooks headers, the lookup's own whsec_ secret), and read
// a manager's email, a PBX workplace id or a number from the answer — all within the rule's time
// budget, under the outbound policy of every other outbound call. Never throws: whatever goes
// wrong is an answer the engine turns into the rule's fallbacks. docs/crm-integration.md.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requirePultSecret } from "@/server/config";
import { decryptSecret } from "@/server/crypto/secret-box";
import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import type { CrmAnswer } from "@/server/routing/engine";
import { postToCrm } from "@/server/webhooks/outbound";
import { signWebhook, webhookIdOf } from "@/server/webhooks/signing";

export type CrmLookupConfig = { url: string; secret: string };

export const CRM_LOOKUP_EVENT = "routing.lookup";

/** Read with the routing snapshot's rules (reloaded when the address or secret changes). */
export async function loadCrmLookup(tenantId: string): Promise<CrmLookupConfig | null> {
  const row = await getDb().crmLookup.findUnique({
    where: { tenantId },
    select: { url: true, secretEnc: true },
  });
  if (!row) return null;
  try {
    return { url: row.url, secret: decryptSecret(row.secretEnc, requirePultSecret()) };
  } catch (error) {
    log.error("routing: the CRM lookup secret cannot be decrypted", { tenantId, error });
    return null;
  }
}

const answerSchema = z.object({
  managerEmail: z.string().trim().max(254).nullish(),
  workplaceId: z.string().trim().max(100).nullish(),
  number: z.string().trim().max(20).nullish(),
});

export type CrmLookupCall = { callId: string | null; from: string; to: string };

/** The body Pult posts (documented in docs/crm-integration.md). */
export function lookupBody(call: CrmLookupCall, at: Date): string {
  return JSON.stringify({
    type: CRM_LOOKUP_EVENT,
    version: 1,
    timestamp: at.toISOString(),
    data: { callId: call.callId, from: call.from, to: call.to },
  });
}

export async function askCrm(
  config: CrmLookupConfig | null,
  call: CrmLookupCall,
  budgetMs: number,
): Promise<CrmAnswer> {
  if (!config) return { status: "noUrl", ms: 0 };
  if (budgetMs <= 0) return { status: "timeout", ms: 0, message: "no time left in the park" };
  const at = new Date();
  const body = lookupBody(call, at);
  const headers = signWebhook(config.secret, webhookIdOf(randomUUID()), at, body);
  const outcome = await postToCrm(config.url, body, headers, budgetMs);
  const ms = outcome.latencyMs;
  if (outcome.isTimeout) return { status: "timeout", ms: budgetMs };
  if (outcome.statusCode === null) return { status: "error", ms, message: outcome.error };
  // 404 / 204: the CRM knows no one for this caller; the fallbacks decide.
  if (outcome.statusCode === 404 || outcome.statusCode === 204) return { status: "answered", ms };
  if (outcome.statusCode < 200 || outcome.statusCode >= 300)
    return { status: "error", ms, message: `HTTP ${outcome.statusCode}` };
  let json: unknown;
  try {
    json = JSON.parse(outcome.body);
  } catch {
    return { status: "error", ms, message: "the answer is not JSON" };
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return { status: "error", ms, message: "the answer has no usable target" };
  return { status: "answered", ms, ...parsed.data };
}
