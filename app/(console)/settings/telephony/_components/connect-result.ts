import { z } from "zod";

// Where MTT's OAuth redirect leaves the admin: /settings/telephony?connected=1 or ?error=<code>.
export const connectErrorCodes = [
  "state_mismatch",
  "access_denied",
  "invalid_grant",
  "invalid_client",
  "unreachable",
  "unknown",
] as const;
export type ConnectErrorCode = (typeof connectErrorCodes)[number];

export type ConnectResult =
  { kind: "connected" } | { kind: "error"; code: ConnectErrorCode; detail: string | null };

type SearchParams = Record<string, string | string[] | undefined>;

const MAX_DETAIL = 300;
const errorCode = z.enum(connectErrorCodes).catch("unknown");

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseConnectResult(params: SearchParams): ConnectResult | null {
  const error = first(params.error);
  if (error !== undefined) {
    const detail = first(params.detail)?.trim().slice(0, MAX_DETAIL) || null;
    return { kind: "error", code: errorCode.parse(error), detail };
  }
  if (first(params.connected) === "1") return { kind: "connected" };
  return null;
}
