import { getSessionUser } from "../auth/session";
import { actorFromUser, type ClientActor } from "./access";

/** Route handlers of /api/clients/*: the signed-in user as a client actor, or a JSON error. */
export async function clientActorFromRequest(ip: string | null): Promise<ClientActor | Response> {
  const user = await getSessionUser();
  if (!user) return Response.json({ code: "UNAUTHENTICATED" }, { status: 401 });
  return actorFromUser(user, ip);
}
