import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { SessionUser } from "@/server/auth/session-user";
import { appCodeForTrpcCode, errorTable, type AppErrorCode } from "@/lib/errors";
import { AppError } from "@/server/errors";
import { log } from "@/server/logger";
import { userActor } from "@/server/policy/actor";
import { tierAllows } from "@/server/policy/policy";

export type TrpcContext = {
  user: SessionUser | null;
  ip: string | null;
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
          : appCodeForTrpcCode(error.code);
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
        code: errorTable[cause.code].trpc,
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

// The one place a signed-in request becomes the Actor that procedures hand to domain functions.
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return next({ ctx: { ...ctx, user: ctx.user, actor: userActor(ctx.user, ctx.ip) } });
});

function requireTier(tier: "supervisor" | "admin") {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!tierAllows(tier, ctx.actor))
      throw new AppError("FORBIDDEN", "You do not have access to this");
    return next();
  });
}

export const supervisorProcedure = requireTier("supervisor");
export const adminProcedure = requireTier("admin");
