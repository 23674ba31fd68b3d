// Requests to the company's speech service follow the policy of every outbound call
// (server/mtt/outbound.ts): public addresses only, checked after DNS resolution at connection
// time, unless PULT_SPEECH_ALLOW_PRIVATE is set (the bundled simulator is always reachable); no
// redirects (the request carries the API key); a time limit; capped answers.
import { getConfig } from "@/server/config";
import { getSimulatorUrl } from "@/server/integrations/simulator-link";
import { checkUrlAllowed, createGuardedFetch, type OutboundPolicy } from "@/server/mtt/outbound";

export function speechOutboundPolicy(): OutboundPolicy {
  const simulator = getSimulatorUrl();
  return {
    allowPrivate: getConfig().speechAllowPrivate,
    trustedOrigins: simulator ? [simulator] : [],
  };
}

const fetches = new Map<string, typeof fetch>();

export function speechFetch(): typeof fetch {
  const policy = speechOutboundPolicy();
  const key = `${policy.allowPrivate}|${(policy.trustedOrigins ?? []).join(",")}`;
  let guarded = fetches.get(key);
  if (!guarded) {
    guarded = createGuardedFetch(policy);
    fetches.set(key, guarded);
  }
  return guarded;
}

/** Whether an endpoint an admin typed may be saved (names resolved now). */
export function isSpeechUrlAllowed(url: string): Promise<boolean> {
  return checkUrlAllowed(url, speechOutboundPolicy());
}
