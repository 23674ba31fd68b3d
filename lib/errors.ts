import type { TRPCError } from "@trpc/server";

// The one table of error codes, safe for the browser. Each code is mapped here, and only here, to
// its tRPC code, its HTTP status and the code the public API (/api/v1) shows integrators: the
// internal codes may grow, the public vocabulary (codes whose `api` is themselves) stays stable.
// Users see `error.<code>` from the dictionaries (lib/i18n/messages).
type ErrorSpec = { trpc: TRPCError["code"]; http: number; api: PublicErrorCode };

export const publicErrorCodes = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "GONE",
  "VALIDATION",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type PublicErrorCode = (typeof publicErrorCodes)[number];

export const errorTable = {
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401, api: "UNAUTHENTICATED" },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403, api: "FORBIDDEN" },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404, api: "NOT_FOUND" },
  CONFLICT: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  GONE: { trpc: "NOT_FOUND", http: 410, api: "GONE" },
  VALIDATION: { trpc: "BAD_REQUEST", http: 400, api: "VALIDATION" },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413, api: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: {
    trpc: "UNSUPPORTED_MEDIA_TYPE",
    http: 415,
    api: "UNSUPPORTED_MEDIA_TYPE",
  },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429, api: "RATE_LIMITED" },
  LAST_ADMIN: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  SELF_ACTION: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  EMAIL_TAKEN: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  INVITE_INVALID: { trpc: "NOT_FOUND", http: 410, api: "GONE" },
  RECORDING_NOT_STORED: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  ALREADY_EVALUATED: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  CALL_NOT_EVALUABLE: { trpc: "CONFLICT", http: 409, api: "CONFLICT" },
  UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503, api: "UNAVAILABLE" },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500, api: "INTERNAL" },
} as const satisfies Record<string, ErrorSpec>;

export type AppErrorCode = keyof typeof errorTable;
export const appErrorCodes = Object.keys(errorTable) as AppErrorCode[];

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === "string" && Object.hasOwn(errorTable, value);
}

/** tRPC errors that did not come from an AppError (input parsing, unknown procedure…). */
export function appCodeForTrpcCode(code: TRPCError["code"]): AppErrorCode {
  switch (code) {
    case "UNAUTHORIZED":
      return "UNAUTHENTICATED";
    case "BAD_REQUEST":
      return "VALIDATION";
    case "TOO_MANY_REQUESTS":
      return "RATE_LIMITED";
    case "FORBIDDEN":
    case "NOT_FOUND":
    case "CONFLICT":
      return code;
    default:
      return "INTERNAL";
  }
}

/** The JSON body of every failed route handler outside /api/v1: `{ code, message, …details }`. */
export type RouteErrorBody = { code: AppErrorCode; message: string } & Record<string, unknown>;
