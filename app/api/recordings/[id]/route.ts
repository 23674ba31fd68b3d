import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { getSessionUser } from "@/server/auth/session";
import { streamRecordingForUser } from "@/server/recordings/stream";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

// Audio for the player and downloads: `?file=<n>` picks the part of a split call, `?download=1`
// asks for an attachment. Authorised on every request (Range chunks included) by the session.
async function handle(request: Request, { params }: Params): Promise<Response> {
  const user = await getSessionUser();
  if (!user) {
    return Response.json(
      { error: "UNAUTHENTICATED", message: "Sign in to continue" },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  const { id } = await params;
  return streamRecordingForUser(user, id, request, request.headers.get(CLIENT_IP_HEADER));
}

export { handle as GET, handle as HEAD };
