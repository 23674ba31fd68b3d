// One error type for the domain; edges (tRPC, route handlers) map it to status codes once.
export const appErrorCodes = [
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
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const httpStatusByCode: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 400,
  RATE_LIMITED: 429,
  LAST_ADMIN: 409,
  SELF_ACTION: 409,
  EMAIL_TAKEN: 409,
  INVITE_INVALID: 410,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
