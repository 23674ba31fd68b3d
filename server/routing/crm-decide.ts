// Asking the CRM before a parked call is decided (server/calls/route-parked-call.ts) and in the
// rule test panel: only when the rule that will decide asks it, and never for longer than the
// rule's budget or than the park leaves for the PBX's own transfer after it.
import { askCrm } from "@/server/routing/crm-lookup";
import { crmBudgetOf, type CrmAnswer } from "@/server/routing/engine";
import type { TenantSnapshot } from "@/server/routing/snapshot";

// What the transfer after the lookup needs of the park: its RPC and the network around it.
export const PARK_RESERVE_MS = 1_000;

export async function askCrmForParkedCall(
  tenant: Pick<TenantSnapshot, "snapshot" | "crm">,
  call: { externalId: string | null; from: string; to: string; parkTimeoutMs: number },
  parkElapsedMs: number,
  now = new Date(),
): Promise<CrmAnswer | undefined> {
  const budget = crmBudgetOf(tenant.snapshot, { from: call.from, to: call.to }, now);
  if (budget === null) return undefined;
  const left = call.parkTimeoutMs - parkElapsedMs - PARK_RESERVE_MS;
  return askCrm(
    tenant.crm,
    { callId: call.externalId, from: call.from, to: call.to },
    Math.min(budget, Math.floor(left)),
  );
}
