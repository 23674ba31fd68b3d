import { isAppErrorCode, type AppErrorCode } from "@/lib/errors";
import type { MessageKey, Translate } from "@/lib/i18n/translate";

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

/** The `code` of a route handler's JSON error body (lib/errors.ts RouteErrorBody). */
export function getRouteErrorCode(body: unknown): AppErrorCode | null {
  return isRecord(body) && isAppErrorCode(body.code) ? body.code : null;
}

/** A code from the error table as the user's sentence; null (no code) means a network failure. */
export function describeErrorCode(t: Translate, code: AppErrorCode | null): string {
  if (code) return t(`error.${code}` satisfies MessageKey);
  return t("error.NETWORK");
}

// Users see a translated sentence per code, never the server's raw message.
export function describeError(t: Translate, error: unknown): string {
  return describeErrorCode(t, getAppErrorCode(error));
}
