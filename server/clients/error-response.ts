import { AppError, httpStatusByCode } from "../errors";
import { log } from "../logger";

/** Route handlers of /api/clients/*: an AppError as its JSON and status; anything else as 500. */
export function errorResponse(error: unknown, what: string): Response {
  if (error instanceof AppError) {
    return Response.json(
      { code: error.code, ...(error.details ?? {}) },
      { status: httpStatusByCode[error.code] },
    );
  }
  log.error(`${what} failed`, { error });
  return Response.json({ code: "INTERNAL" }, { status: 500 });
}
