import { completeConnect } from "@/server/integrations/oauth-flow";
import { receiveNotificationBody } from "@/server/integrations/notifications";
import { getConfig } from "@/server/config";
import { readLimitedBody } from "@/server/http/read-limited-body";
import { MAX_NOTIFICATION_BYTES } from "@/server/mtt/notifications";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ key: string }> };

// The Redirect URI registered at MTT: the browser's OAuth return (GET) and the PBX's
// notifications (POST) arrive at the same address.
export async function GET(request: Request, { params }: Params) {
  const { key } = await params;
  const url = new URL(request.url);
  const result = await completeConnect(key, {
    code: url.searchParams.get("code"),
    state: url.searchParams.get("state"),
    error: url.searchParams.get("error"),
    errorDescription: url.searchParams.get("error_description"),
  });
  if (!result) return new Response("Not found", { status: 404 });
  // Only the outcome's code: the page shows the details Pult stored with the integration, so
  // a link with made-up text in its address cannot speak for MTT.
  const target = new URL("/settings/telephony", getConfig().publicUrl);
  if (result.ok) target.searchParams.set("connected", "1");
  else target.searchParams.set("error", result.code);
  return Response.redirect(target, 303);
}

export async function POST(request: Request, { params }: Params) {
  const { key } = await params;
  // Read at most the limit: a body the PBX would never send is not even buffered.
  const result = await receiveNotificationBody({
    notificationKey: key,
    body: await readLimitedBody(request, MAX_NOTIFICATION_BYTES),
    signature: request.headers.get("x-mtt-signature"),
    contentType: request.headers.get("content-type"),
  });
  const headers =
    "retryAfterSec" in result ? { "Retry-After": String(result.retryAfterSec) } : undefined;
  return Response.json(result.body, { status: result.status, headers });
}
