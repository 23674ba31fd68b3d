import type { RouteErrorBody } from "@/lib/errors";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The one JSON error shape of route handlers outside /api/v1: `{ code, message, …details }` with
 * the status from the error table. Internal failures are logged here, once, and answer without
 * their details.
 */
export function routeErrorResponse(error: unknown, where: string): Response {
  if (error instanceof AppError && error.httpStatus < 500) {
    const body: RouteErrorBody = { ...error.details, code: error.code, message: error.message };
    return Response.json(body, {
      status: error.httpStatus,
      headers: { ...NO_STORE, ...error.headers },
    });
  }
  log.error(`${where} failed`, { error });
  const code = error instanceof AppError ? error.code : "INTERNAL";
  const body: RouteErrorBody = { code, message: "Internal error" };
  return Response.json(body, { status: code === "UNAVAILABLE" ? 503 : 500, headers: NO_STORE });
}
