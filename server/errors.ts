import { errorTable, type AppErrorCode } from "@/lib/errors";

export type { AppErrorCode };

// One error type for the domain; the edges (tRPC, route handlers, /api/v1) map its code through
// the one table in lib/errors.ts.
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers for HTTP edges (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return errorTable[this.code].http;
  }
}
