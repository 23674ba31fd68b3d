import type { RoutingStep, StoredRoutingOutcome } from "@/lib/schemas/routing";
import { getPool } from "@/server/db";
import { getMttClient } from "@/server/integrations/mtt-client";
import { log } from "@/server/logger";
import { MTT_ERROR, MttApiError } from "@/server/mtt/api-error";
import { decide, type RoutingResult } from "@/server/routing/engine";
import { getRoutingSnapshot } from "@/server/routing/snapshot";
import { askCrmForParkedCall } from "@/server/routing/crm-decide";

export type ParkedCall = {
  /** Our Call row id, once the fold has written the call (null if it could not). */
  callRowId: Promise<string | null>;
  /** After the decision is stored: push the call again (the live path keeps pushes in order). */
  onStored?: (callRowId: string) => void;
  /** The PBX's callId. */
  externalId: string;
  from: string;
  to: string;
  parkTimeoutMs: number;
  /** When the notification reached us (performance.now()), for the remaining park budget. */
  receivedAtMs: number;
  /** When the PBX parked the call (callStarted's occurredAt, epoch ms), by the PBX's clock. */
  parkedAtMs?: number;
};

// Leave the PBX this much of the park for its own work; never wait less than this for it.
const NETWORK_MARGIN_MS = 250;
const MIN_RPC_TIMEOUT_MS = 500;
// How far the PBX's clock may lag ours: within this, a late callStarted never looks expired.
const CLOCK_SKEW_MS = 500;

/**
 * How long ago the PBX parked the call, at least. A callStarted delivered late (the PBX retried,
 * or queued it behind others) spent part of the park before it reached us.
 */
function parkElapsedMs(call: ParkedCall): number {
  const sinceReceipt = performance.now() - call.receivedAtMs;
  if (call.parkedAtMs === undefined) return sinceReceipt;
  return Math.max(sinceReceipt, Date.now() - call.parkedAtMs - CLOCK_SKEW_MS);
}

type Settled = { outcome: StoredRoutingOutcome; steps: RoutingStep[] };

/** The park is over (or too nearly over to reach the PBX in time): nothing is sent. */
function tooLate(
  tenantId: string,
  call: ParkedCall,
  result: RoutingResult,
  remainingMs: number,
): Settled {
  log.warn("routing: the park expired before the decision", {
    tenantId,
    callId: call.externalId,
  });
  const message = `${Math.round(remainingMs)} ms of the park left for the decision; nothing sent`;
  return {
    outcome: "TIMEOUT",
    steps: [...result.steps, { kind: "pbx", result: "timeout", message }],
  };
}

async function sendToPbx(
  tenantId: string,
  call: ParkedCall,
  result: RoutingResult,
): Promise<Settled> {
  try {
    const mtt = await getMttClient(tenantId);
    // Checked right before sending. After the park the PBX has sent the call its standard way: a
    // transferCall would get 1002 — or, if someone there has answered, move the answered call.
    const remainingMs = call.parkTimeoutMs - parkElapsedMs(call);
    if (remainingMs < NETWORK_MARGIN_MS) return tooLate(tenantId, call, result, remainingMs);
    const timeoutMs = Math.max(MIN_RPC_TIMEOUT_MS, remainingMs - NETWORK_MARGIN_MS);
    const options = { timeoutMs, maxRetries: 1 };
    if (result.target === null) await mtt.terminateCall({ callId: call.externalId }, options);
    else
      await mtt.transferCall(
        {
          callId: call.externalId,
          target:
            result.target.kind === "number"
              ? { number: result.target.number }
              : { workplaceId: result.target.externalId },
        },
        options,
      );
    return { outcome: result.outcome, steps: result.steps };
  } catch (error) {
    const isExpired = error instanceof MttApiError && error.mttCode === MTT_ERROR.CALL_NOT_PARKED;
    const message = error instanceof Error ? error.message : String(error);
    if (!isExpired) log.error("routing: the PBX refused the decision", { tenantId, error });
    else
      log.warn("routing: the park expired before the decision", {
        tenantId,
        callId: call.externalId,
      });
    return {
      outcome: isExpired ? "TIMEOUT" : "ERROR",
      steps: [...result.steps, { kind: "pbx", result: isExpired ? "timeout" : "error", message }],
    };
  }
}

/**
 * Decides where a parked call goes and tells the PBX, then stores the decision and shows it on
 * the board. Runs once per call: only the instance that inserted the callStarted notification
 * calls it, right after that insert is durable and before the call is folded (the decision is
 * stored once the call row exists).
 */
export async function routeParkedCall(tenantId: string, call: ParkedCall): Promise<void> {
  const started = performance.now();
  let result: RoutingResult;
  try {
    const tenant = await getRoutingSnapshot(tenantId);
    const { snapshot, cursor } = tenant;
    // A rule that asks the CRM waits for it, within its budget and what the park leaves.
    const crm = await askCrmForParkedCall(tenant, call, parkElapsedMs(call));
    result = decide(snapshot, { from: call.from, to: call.to }, new Date(), {
      random: Math.random,
      cursor,
      crm,
    });
    if (result.target?.kind === "workplace") tenant.reserve(result.target.workplaceId);
  } catch (error) {
    // Without a decision the PBX still routes the call its standard way when the park ends.
    log.error("routing: could not decide; the PBX will take its standard route", {
      tenantId,
      error,
    });
    result = { outcome: "RELEASE", target: null, ruleId: null, ruleName: null, steps: [] };
  }
  const settled = await sendToPbx(tenantId, call, result);
  const decidedInMs = Math.round(performance.now() - started);
  try {
    const callId = await call.callRowId;
    if (!callId) {
      log.error("routing: the call was never written; the decision is not stored", {
        tenantId,
        callId: call.externalId,
      });
      return;
    }
    // Plain SQL (server/db/sql.ts): one per parked call, beside the live path. A rule or
    // workplace deleted meanwhile keeps the decision and drops the link.
    await getPool().query(
      `INSERT INTO routing_decisions (id, tenant_id, call_id, rule_id, outcome,
         target_workplace_id, target_number, explanation, decided_in_ms)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid,
         (SELECT id FROM routing_rules WHERE id = $3::uuid),
         $4::"RoutingOutcome",
         (SELECT id FROM workplaces WHERE id = $5::uuid),
         $6, $7::jsonb, $8
       ON CONFLICT (call_id) DO NOTHING`,
      [
        tenantId,
        callId,
        result.ruleId,
        settled.outcome,
        result.target?.kind === "workplace" ? result.target.workplaceId : null,
        result.target?.kind === "number" ? result.target.number : null,
        JSON.stringify(settled.steps),
        decidedInMs,
      ],
    );
    call.onStored?.(callId);
  } catch (error) {
    log.error("routing: could not store the decision", {
      tenantId,
      callId: call.externalId,
      error,
    });
  }
}
