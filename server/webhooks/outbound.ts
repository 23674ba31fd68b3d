// Requests to the CRM's addresses (webhook endpoints, the routing lookup) follow the policy of
// every outbound call (server/mtt/outbound.ts): public addresses only, checked after DNS
// resolution at connection time, unless PULT_WEBHOOK_ALLOW_PRIVATE is set; no redirects (a 3xx
// is an answer, and a failure); a time limit; and never more than a few KB of the answer read.
import { getConfig } from "@/server/config";
import {
  assertUrlAllowed,
  checkUrlAllowed,
  createGuardedFetch,
  type OutboundPolicy,
} from "@/server/mtt/outbound";

export const MAX_RESPONSE_BYTES = 16 * 1024;

export function crmOutboundPolicy(): OutboundPolicy {
  return { allowPrivate: getConfig().webhookAllowPrivate };
}

const fetches = new Map<boolean, typeof fetch>();

function crmFetch(): typeof fetch {
  const policy = crmOutboundPolicy();
  let guarded = fetches.get(policy.allowPrivate);
  if (!guarded) {
    guarded = createGuardedFetch(policy);
    fetches.set(policy.allowPrivate, guarded);
  }
  return guarded;
}

/** Whether a URL an admin typed may be saved (literal addresses and names resolved now). */
export function isCrmUrlAllowed(url: string): Promise<boolean> {
  return checkUrlAllowed(url, crmOutboundPolicy());
}

export type PostOutcome = {
  /** Null: no HTTP answer (refused, timed out, connection failed). */
  statusCode: number | null;
  latencyMs: number;
  /** The first MAX_RESPONSE_BYTES of the answer, as text. */
  body: string;
  /** Why there is no usable answer; null for any HTTP answer. */
  error: string | null;
  isRefused: boolean;
  isTimeout: boolean;
};

// Reads at most `max` bytes, then stops: the rest of a huge answer is never read.
async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, max).toString("utf8");
}

/** POSTs a body under the policy; never throws. The time limit covers the answer's body too. */
export async function postToCrm(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    assertUrlAllowed(new URL(url), crmOutboundPolicy());
    const response = await crmFetch()(url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "Pult-Webhooks/1",
        ...headers,
      },
      signal: controller.signal,
    });
    const text = await readCapped(response, MAX_RESPONSE_BYTES);
    return {
      statusCode: response.status,
      latencyMs: elapsed(),
      body: text,
      error: null,
      isRefused: false,
      isTimeout: false,
    };
  } catch (error) {
    const isTimeout = controller.signal.aborted;
    const isRefused = (error as { code?: string } | null)?.code === "EOUTBOUNDREFUSED";
    const message = isTimeout
      ? `No answer within ${timeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    return {
      statusCode: null,
      latencyMs: elapsed(),
      body: "",
      error: message,
      isRefused,
      isTimeout,
    };
  } finally {
    clearTimeout(timer);
  }
}
