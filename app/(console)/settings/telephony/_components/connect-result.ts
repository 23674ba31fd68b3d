import { z } from "zod";

// Where MTT's OAuth redirect leaves the admin: /settings/telephony?connected=1 or ?error=<code>.
// Nothing else is read from the address: the details are the error Pult stored.
export const connectErrorCodes = [
  "state_mismatch",
  "access_denied",
  "invalid_grant",
  "invalid_client",
  "unreachable",
  "unknown",
] as const;
export type ConnectErrorCode = (typeof connectErrorCodes)[number];

export type ConnectResult = { kind: "connected" } | { kind: "error"; code: ConnectErrorCode };

type SearchParams = Record<string, string | string[] | undefined>;

const errorCode = z.enum(connectErrorCodes).catch("unknown");

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseConnectResult(params: SearchParams): ConnectResult | null {
  const error = first(params.error);
  if (error !== undefined) return { kind: "error", code: errorCode.parse(error) };
  if (first(params.connected) === "1") return { kind: "connected" };
  return null;
}
