import { ZodError, type z } from "zod";
import { errorTable, type PublicErrorCode } from "@/lib/errors";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";

// Errors the public API raises itself: codes from its public vocabulary (lib/errors.ts), details
// meant for integrators. Any other AppError is restated with its public code, details dropped.
export class ApiError extends AppError {
  constructor(
    code: PublicErrorCode,
    message: string,
    details?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) {
    super(code, message, details, headers);
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
    status: error.httpStatus,
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

/** Anything thrown by a handler → an ApiError; internals stay in the server log. */
export function toApiError(error: unknown, where: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (error instanceof AppError) {
    const code = errorTable[error.code].api;
    if (error.httpStatus >= 500) {
      log.error("public API request failed", { where, error });
      return new ApiError(code, "Internal error");
    }
    const fieldErrors = error.details?.fieldErrors;
    return new ApiError(
      code,
      error.message,
      fieldErrors && typeof fieldErrors === "object" ? { fields: fieldErrors } : undefined,
      error.headers,
    );
  }
  log.error("public API request failed", { where, error });
  return new ApiError("INTERNAL", "Internal error");
}
