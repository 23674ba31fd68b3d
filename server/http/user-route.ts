import { AppError } from "@/server/errors";
import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { getSessionUser } from "@/server/auth/session";
import { userActor, type Actor } from "@/server/policy/actor";
import { routeErrorResponse } from "@/server/http/route-error";

type RouteContext<P> = { params: Promise<P> };
export type UserRouteHandler<P> = (actor: Actor, request: Request, params: P) => Promise<Response>;
export type Authenticate = (request: Request) => Promise<Actor | null>;

/** The signed-in user of the session cookie as the Actor. */
export const sessionActor: Authenticate = async (request) => {
  const user = await getSessionUser();
  return user ? userActor(user, request.headers.get(CLIENT_IP_HEADER)) : null;
};

/**
 * Wraps a route handler outside tRPC and /api/v1 (exports, the import, recording audio): the
 * signed-in user → the Actor, every failure → the one JSON error shape (./route-error.ts). Tests
 * pass `authenticate` to act as a given actor without a session cookie.
 */
export function userRoute<P = Record<string, never>>(
  name: string,
  handler: UserRouteHandler<P>,
  authenticate: Authenticate = sessionActor,
): (request: Request, route: RouteContext<P>) => Promise<Response> {
  return async (request, route) => {
    try {
      const actor = await authenticate(request);
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
      return await handler(actor, request, await route.params);
    } catch (error) {
      return routeErrorResponse(error, name);
    }
  };
}
