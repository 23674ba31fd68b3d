import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { getSessionUser } from "@/server/auth/session";
import type { TrpcContext } from "@/server/api/trpc";

export async function createTrpcContext(headers: Headers): Promise<TrpcContext> {
  return { user: await getSessionUser(), ip: headers.get(CLIENT_IP_HEADER) };
}
