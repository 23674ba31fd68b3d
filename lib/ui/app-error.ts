import type { AppErrorCode } from "@/server/errors";
import type { MessageKey, Translate } from "@/lib/i18n/translate";

const knownCodes = new Set<string>([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "VALIDATION",
  "RATE_LIMITED",
  "LAST_ADMIN",
  "SELF_ACTION",
  "EMAIL_TAKEN",
  "INVITE_INVALID",
  "UNAVAILABLE",
  "INTERNAL",
] satisfies AppErrorCode[]);

function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === "string" && knownCodes.has(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function errorData(error: unknown): Record<string, unknown> | null {
  if (!isRecord(error) || !isRecord(error.data)) return null;
  return error.data;
}

// Reads `data.appCode` from a tRPC client error; null for network failures and the like.
export function getAppErrorCode(error: unknown): AppErrorCode | null {
  const code = errorData(error)?.appCode;
  return isAppErrorCode(code) ? code : null;
}

export function getFieldErrors(error: unknown): Record<string, string[]> {
  const fieldErrors = errorData(error)?.fieldErrors;
  if (!isRecord(fieldErrors)) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages)) result[field] = messages.filter((m) => typeof m === "string");
  }
  return result;
}

// Users see a translated sentence per code, never the server's raw message.
export function describeError(t: Translate, error: unknown): string {
  const code = getAppErrorCode(error);
  if (code) return t(`error.${code}` satisfies MessageKey);
  return t("error.NETWORK");
}
