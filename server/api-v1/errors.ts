import { ZodError, type z } from "zod";
import { AppError, httpStatusByCode } from "../errors";
import { log } from "../logger";

// The public API's error vocabulary. Kept separate from AppError's codes: those are internal and
// may grow; integrators code against these.
export const apiErrorCodes = [
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
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiStatusByCode: Record<ApiErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  VALIDATION: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type ApiErrorDetails = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ApiErrorDetails,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const NO_STORE = { "Cache-Control": "no-store" };

export function apiErrorResponse(error: ApiError): Response {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
  return Response.json(body, {
    status: apiStatusByCode[error.code],
    headers: { ...NO_STORE, ...error.headers },
  });
}

/** `{"phones.0": ["phone_letters"]}`: one entry per field path, messages are stable codes. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "body";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function validationError(error: z.ZodError, message = "The request is invalid"): ApiError {
  return new ApiError("VALIDATION", message, { fields: fieldErrorsOf(error) });
}

export function codeForStatus(status: number): ApiErrorCode {
  const match = (Object.entries(apiStatusByCode) as Array<[ApiErrorCode, number]>).find(
    ([, s]) => s === status,
  );
  return match?.[0] ?? "INTERNAL";
}

/** Anything thrown by a handler → an ApiError; internals stay in the server log. */
export function toApiError(error: unknown, where: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (error instanceof AppError) {
    const status = httpStatusByCode[error.code];
    if (status >= 500) {
      log.error("public API request failed", { where, error });
      return new ApiError(status === 503 ? "UNAVAILABLE" : "INTERNAL", "Internal error");
    }
    const fieldErrors = error.details?.fieldErrors;
    return new ApiError(
      codeForStatus(status),
      error.message,
      fieldErrors && typeof fieldErrors === "object" ? { fields: fieldErrors } : undefined,
    );
  }
  log.error("public API request failed", { where, error });
  return new ApiError("INTERNAL", "Internal error");
}
