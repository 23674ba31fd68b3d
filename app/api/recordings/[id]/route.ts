import { userRoute } from "@/server/http/user-route";
import { recordingRouteHandler } from "@/server/recordings/stream";

export const dynamic = "force-dynamic";

// Audio for the player and downloads: `?file=<n>` picks the part of a split call, `?download=1`
// asks for an attachment. Authorised on every request (Range chunks included) by the session.
const handle = userRoute("recording stream", recordingRouteHandler);

export { handle as GET, handle as HEAD };
