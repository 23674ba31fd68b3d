import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Role } from "../../lib/schemas/users";
import type { SessionUser } from "../auth/session-user";
import { AppError, type AppErrorCode } from "../errors";
import { log } from "../logger";

export type TrpcContext = {
  user: SessionUser | null;
  ip: string | null;
};

const trpcCodeByAppCode: Record<AppErrorCode, TRPCError["code"]> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  LAST_ADMIN: "CONFLICT",
  SELF_ACTION: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  INVITE_INVALID: "NOT_FOUND",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

const appCodeByTrpcCode: Partial<Record<TRPCError["code"], AppErrorCode>> = {
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_REQUEST: "VALIDATION",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appCode: AppErrorCode =
      cause instanceof AppError
        ? cause.code
        : cause instanceof ZodError
          ? "VALIDATION"
          : (appCodeByTrpcCode[error.code] ?? "INTERNAL");
    const fieldErrors = cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined;
    // Internal failures keep their details in the server log, never in the browser.
    const message = appCode === "INTERNAL" ? "Internal error" : shape.message;
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message, data: { ...data, appCode, fieldErrors } };
  },
});

// Domain code throws AppError; map it once here so procedures stay thin.
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      result.error = new TRPCError({
        code: trpcCodeByAppCode[cause.code],
        message: cause.message,
        cause,
      });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      log.error("trpc procedure failed", { path, error: cause ?? result.error });
    }
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function requireRole(roles: readonly Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role))
      throw new AppError("FORBIDDEN", "You do not have access to this");
    return next();
  });
}

export const supervisorProcedure = requireRole(["ADMIN", "SUPERVISOR"]);
export const adminProcedure = requireRole(["ADMIN"]);
