import { CLIENT_IP_HEADER } from "../auth/request-headers";
import { getSessionUser } from "../auth/session";
import type { TrpcContext } from "./trpc";

export async function createTrpcContext(headers: Headers): Promise<TrpcContext> {
  return { user: await getSessionUser(), ip: headers.get(CLIENT_IP_HEADER) };
}
