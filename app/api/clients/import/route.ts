import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { clientActorFromRequest } from "@/server/clients/http";
import { handleImportRequest } from "@/server/clients/import-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const actor = await clientActorFromRequest(request.headers.get(CLIENT_IP_HEADER));
  if (actor instanceof Response) return actor;
  return handleImportRequest(actor, request);
}
