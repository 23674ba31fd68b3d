import type { Role } from "@/lib/schemas/users";
import { userRoute } from "@/server/http/user-route";
import { apiKeyActor, userActor } from "@/server/policy/actor";
import { recordingRouteHandler, type StreamRequest } from "@/server/recordings/stream";

// /api/recordings/<id> as the browser reaches it, through the route wrapper (actor, error shape),
// acting as a given user or API key instead of reading a session cookie.

export type Viewer = { id: string; role: Role; tenantId: string };

const route = (id: string, request: StreamRequest) => ({
  request: new Request(request.url, { method: request.method, headers: request.headers }),
  context: { params: Promise.resolve({ id }) },
});

export function streamRecordingForUser(
  user: Viewer,
  recordingId: string,
  request: StreamRequest,
  ip: string | null,
): Promise<Response> {
  const handler = userRoute("recording stream", recordingRouteHandler, () =>
    Promise.resolve(userActor(user, ip)),
  );
  const { request: req, context } = route(recordingId, request);
  return handler(req, context);
}

export function streamRecordingForApiKey(
  key: { tenantId: string; apiKeyId: string },
  recordingId: string,
  request: StreamRequest,
  ip: string | null,
): Promise<Response> {
  const handler = userRoute("recording stream", recordingRouteHandler, () =>
    Promise.resolve(apiKeyActor(key, ip)),
  );
  const { request: req, context } = route(recordingId, request);
  return handler(req, context);
}
