import { getConfig } from "@/server/config";
import { createGuardedFetch, type OutboundPolicy } from "@/server/mtt/outbound";
import { getSimulatorUrl } from "@/server/integrations/simulator-link";

/**
 * What Pult may reach at the MTT addresses an admin saved: public addresses only, unless
 * PULT_MTT_ALLOW_PRIVATE is set; the bundled simulator this process runs is always reachable.
 */
export function mttOutboundPolicy(): OutboundPolicy {
  const simulator = getSimulatorUrl();
  return {
    allowPrivate: getConfig().mttAllowPrivate,
    trustedOrigins: simulator ? [simulator] : [],
  };
}

// One fetch (and its keep-alive connections) per policy in force.
const fetches = new Map<string, typeof fetch>();

/** The fetch for every request to the tenant's MTT addresses. */
export function mttFetch(): typeof fetch {
  const policy = mttOutboundPolicy();
  const key = JSON.stringify(policy);
  let guarded = fetches.get(key);
  if (!guarded) {
    guarded = createGuardedFetch(policy);
    fetches.set(key, guarded);
  }
  return guarded;
}
