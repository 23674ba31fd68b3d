import { TRPCError } from "@trpc/server";
import { appRouter, createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { toJsonText } from "@/server/testing/tenant-snapshot";

export type ProcedureType = "query" | "mutation" | "subscription";
export type Outcome =
  { ok: true; value: unknown; text: string } | { ok: false; code: TRPCError["code"]; text: string };

/**
 * Every procedure of the app router ("clients.get" → its type), read from the router itself:
 * the access suites fail for a procedure nobody has classified yet.
 */
export function listProcedures(): Map<string, ProcedureType> {
  const record: Record<string, unknown> = appRouter._def.procedures;
  return new Map(Object.entries(record).map(([path, procedure]) => [path, typeOf(procedure)]));
}

function typeOf(procedure: unknown): ProcedureType {
  const def: unknown =
    typeof procedure === "function" && "_def" in procedure ? procedure._def : undefined;
  const type: unknown = typeof def === "object" && def !== null && "type" in def ? def.type : null;
  if (type === "query" || type === "mutation" || type === "subscription") return type;
  throw new Error("not a tRPC procedure");
}

/** Calls a procedure by its dotted path as `user`, through the same caller pages use. */
export async function invokeProcedure(
  user: SessionUser | null,
  path: string,
  input?: unknown,
): Promise<Outcome> {
  const caller: unknown = createCaller({ user, ip: "127.0.0.1" });
  const fn = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  if (typeof fn !== "function") throw new Error(`no procedure at ${path}`);
  try {
    const value: unknown = await (fn as (input?: unknown) => Promise<unknown>)(input);
    return { ok: true, value, text: toJsonText(value) };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    // The message and any field details the browser would get.
    return { ok: false, code: error.code, text: `${error.message} ${toJsonText(error.cause)}` };
  }
}
