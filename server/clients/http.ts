import { getSessionUser } from "../auth/session";
import { AppError, httpStatusByCode } from "../errors";
import { log } from "../logger";
import { actorFromUser, type ClientActor } from "./access";

/** Route handlers of /api/clients/*: the signed-in user as a client actor, or a JSON error. */
export async function clientActorFromRequest(ip: string | null): Promise<ClientActor | Response> {
  const user = await getSessionUser();
  if (!user) return Response.json({ code: "UNAUTHENTICATED" }, { status: 401 });
  return actorFromUser(user, ip);
}

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
