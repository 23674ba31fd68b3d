import type { z } from "zod";
import type { ApiKeyPrincipal } from "@/server/api-keys/api-keys";
import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { apiKeyActor, type Actor } from "@/server/policy/actor";
import { authenticateRequest } from "@/server/api-v1/auth";
import { ApiError, apiErrorResponse, toApiError, validationError } from "@/server/api-v1/errors";
import { getApiRateLimiter } from "@/server/api-v1/rate-limit";

export const MAX_BODY_BYTES = 64 * 1024;

export type ApiContext = {
  /** The key as the one Actor: its company, full rights, its id in the audit log. */
  actor: Actor;
  principal: ApiKeyPrincipal;
  ip: string | null;
  request: Request;
};

type RouteContext<P> = { params: Promise<P> };

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Wraps a /api/v1 route: API key → tenant, per-key rate limit, one JSON error shape. The handler
 * gets the authenticated principal and must scope every query by principal.tenantId.
 */
export function apiRoute<P = Record<string, never>>(
  name: string,
  handler: (ctx: ApiContext, params: P) => Promise<Response>,
): (request: Request, route: RouteContext<P>) => Promise<Response> {
  return async (request, route) => {
    try {
      const principal = await authenticateRequest(request.headers);
      const decision = getApiRateLimiter().take(principal.apiKeyId);
      if (!decision.allowed) {
        throw new ApiError(
          "RATE_LIMITED",
          `Too many requests for this API key; retry in ${decision.retryAfterSec} s`,
          undefined,
          { "Retry-After": String(decision.retryAfterSec) },
        );
      }
      const ip = request.headers.get(CLIENT_IP_HEADER);
      const actor = apiKeyActor(principal, ip);
      return await handler({ actor, principal, ip, request }, await route.params);
    } catch (error) {
      return apiErrorResponse(toApiError(error, name));
    }
  };
}

/** Reads a JSON body within the size limit and validates it; ApiError on anything else. */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as Content-Type: application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError("VALIDATION", "The body is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Validates query parameters (as strings) against a schema. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error, "The query parameters are invalid");
  return parsed.data;
}

/** Path parameters: a malformed id is simply a resource that does not exist. */
export function readParams<S extends z.ZodType>(params: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ApiError("NOT_FOUND", "Not found");
  return parsed.data;
}

function tooLarge(): ApiError {
  return new ApiError("PAYLOAD_TOO_LARGE", `The body must be at most ${MAX_BODY_BYTES} bytes`, {
    limitBytes: MAX_BODY_BYTES,
  });
}

// Content-Length can be absent (chunked) or wrong: count while reading and stop early.
async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
