import { authenticateApiKey, type ApiKeyPrincipal } from "@/server/api-keys/api-keys";
import { ApiError } from "@/server/api-v1/errors";

// RFC 6750: the scheme is case-insensitive; the credentials are a token68.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export function parseBearer(header: string | null): string | null {
  if (!header) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

const unauthenticated = (message: string, error?: "invalid_token") =>
  new ApiError("UNAUTHENTICATED", message, undefined, {
    "WWW-Authenticate": error ? `Bearer realm="pult", error="${error}"` : `Bearer realm="pult"`,
  });

const messages = {
  unknown: "The API key is not valid",
  revoked: "The API key has been revoked",
  expired: "The API key has expired",
} as const;

/** Authorization: Bearer <key> → the key's company, or a 401 ApiError. */
export async function authenticateRequest(headers: Headers): Promise<ApiKeyPrincipal> {
  const header = headers.get("authorization");
  if (!header) throw unauthenticated("Send your API key as 'Authorization: Bearer <key>'");
  const key = parseBearer(header);
  if (!key)
    throw unauthenticated("The Authorization header must be 'Bearer <key>'", "invalid_token");
  const result = await authenticateApiKey(key);
  if (!result.ok) throw unauthenticated(messages[result.reason], "invalid_token");
  return result.principal;
}
