import type { Role } from "@/lib/schemas/users";
import { userRoute, type UserRouteHandler } from "@/server/http/user-route";
import type { Actor } from "@/server/policy/actor";

/** A signed-in user as the Actor, for tests that call domain functions directly. */
export function actorOf(
  tenantId: string,
  userId: string | null,
  role: Role = "ADMIN",
  ip: string | null = null,
): Actor {
  return { tenantId, role, userId, apiKeyId: null, ip };
}

/** A route handler behind the real userRoute wrapper (actor, error shape), acting as `actor`. */
export function callRouteAs<P>(
  handler: UserRouteHandler<P>,
  actor: Actor,
  request: Request,
  params: P,
): Promise<Response> {
  const route = userRoute("test route", handler, () => Promise.resolve(actor));
  return route(request, { params: Promise.resolve(params) });
}
