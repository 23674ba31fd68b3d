import { z } from "zod";
import { describeFetchError } from "@/server/mtt/fetch-errors";
import { BodyTooLargeError, createGuardedFetch, readBodyCapped } from "@/server/mtt/outbound";
import { summarizeIssues } from "@/server/mtt/wire-schemas";

export const MTT_DEFAULT_OAUTH_URL = "https://oauth.mtt.ru";
export const MTT_DEFAULT_SCOPE = "https://mtt.ru/auth.tokens.readwrite";

// MTT states 2 h for access tokens and 3 days for refresh tokens.
const DEFAULT_ACCESS_TTL_SEC = 2 * 60 * 60;
const DEFAULT_REFRESH_TTL_SEC = 3 * 24 * 60 * 60;
const DEFAULT_TIMEOUT_MS = 10_000;
// A token answer is a few hundred bytes.
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;
// Public addresses only, no redirects: the request carries the client secret.
const publicOnlyFetch = createGuardedFetch({ allowPrivate: false });

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
};

/** OAuth error codes from RFC 6749 plus the transport failures Pult tells apart. */
export type KnownOAuthErrorCode =
  | "invalid_grant"
  | "invalid_client"
  | "invalid_request"
  | "unsupported_grant_type"
  | "access_denied"
  | "unreachable"
  | "timeout"
  | "invalid_response"
  | "server_error";

const RETRYABLE = new Set(["unreachable", "timeout", "server_error", "temporarily_unavailable"]);

export class MttOAuthError extends Error {
  /** A KnownOAuthErrorCode, or whatever other `error` MTT's OAuth server sent. */
  readonly code: string;
  readonly description?: string;
  readonly status?: number;

  constructor(
    code: string,
    message: string,
    details: { description?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = "MttOAuthError";
    this.code = code;
    this.description = details.description;
    this.status = details.status;
  }

  /** True when trying again later may work; false when an admin has to act (reconnect, fix secret). */
  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

type Grant = "authorization_code" | "refresh_token";

function messageFor(code: string, grant: Grant, description?: string): string {
  switch (code) {
    case "invalid_client":
      return "MTT rejected the client id or secret (invalid_client)";
    case "invalid_grant":
      return grant === "refresh_token"
        ? "MTT rejected the refresh token: it expired, was revoked or already used; connect the PBX again (invalid_grant)"
        : "MTT rejected the authorization code: it expired, was already used or the redirect URI differs (invalid_grant)";
    case "invalid_request":
      return `MTT rejected the token request as malformed (invalid_request)${description ? `: ${description}` : ""}`;
    case "unsupported_grant_type":
      return "MTT does not allow this grant type for the integration (unsupported_grant_type)";
    case "access_denied":
      return "Access to the PBX was denied at MTT (access_denied)";
    default:
      return `MTT's OAuth server refused the request (${code})${description ? `: ${description}` : ""}`;
  }
}

function endpoint(oauthUrl: string, path: string): string {
  return `${oauthUrl.replace(/\/+$/, "")}/${path}`;
}

export function buildAuthorizeUrl(input: {
  oauthUrl?: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scope?: string;
}): string {
  const url = new URL(endpoint(input.oauthUrl ?? MTT_DEFAULT_OAUTH_URL, "oauth/authorize"));
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("scope", input.scope ?? MTT_DEFAULT_SCOPE);
  url.searchParams.set("state", input.state);
  return url.toString();
}

type TransportOptions = {
  oauthUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
};

export async function exchangeCode(
  input: TransportOptions & {
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
    scope?: string;
  },
): Promise<TokenSet> {
  return requestTokens(input, "authorization_code", {
    grant_type: "authorization_code",
    client_id: input.clientId,
    client_secret: input.clientSecret,
    code: input.code,
    redirect_uri: input.redirectUri,
    scope: input.scope ?? MTT_DEFAULT_SCOPE,
  });
}

/**
 * Uses the refresh token. MTT may rotate it: the new one is returned when sent, otherwise the
 * old one is kept — with `refreshExpiresAt` (its known expiry) if given, since it was not renewed.
 */
export async function refreshTokens(
  input: TransportOptions & {
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    refreshExpiresAt?: Date;
  },
): Promise<TokenSet> {
  const form = {
    grant_type: "refresh_token",
    refresh_token: input.refreshToken,
    client_id: input.clientId,
    client_secret: input.clientSecret,
  };
  return requestTokens(input, "refresh_token", form, {
    token: input.refreshToken,
    expiresAt: input.refreshExpiresAt,
  });
}

const lifetimeSec = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().positive())
  .nullish();

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).nullish(),
  expires_in: lifetimeSec,
  refresh_expires_in: lifetimeSec,
});

const oauthErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().nullish(),
});

async function requestTokens(
  options: TransportOptions,
  grant: Grant,
  form: Record<string, string>,
  previous?: { token: string; expiresAt?: Date },
): Promise<TokenSet> {
  const url = endpoint(options.oauthUrl ?? MTT_DEFAULT_OAUTH_URL, "oauth/token");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? publicOnlyFetch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(form).toString(),
      signal: controller.signal,
    });
    status = response.status;
    text = (await readBodyCapped(response, MAX_TOKEN_ANSWER_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      const message = `MTT's OAuth server sent more than ${MAX_TOKEN_ANSWER_BYTES} bytes`;
      throw new MttOAuthError("invalid_response", message);
    }
    if (controller.signal.aborted) {
      throw new MttOAuthError(
        "timeout",
        `MTT's OAuth server did not answer within ${timeoutMs} ms`,
      );
    }
    const host = new URL(url).host;
    throw new MttOAuthError(
      "unreachable",
      `Could not reach MTT's OAuth server at ${host}: ${describeFetchError(error)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }

  const json = parseJson(text);
  // Some servers answer errors with 200; the `error` field decides, not the status.
  const refusal = oauthErrorSchema.safeParse(json);
  if (refusal.success) {
    const description = refusal.data.error_description ?? undefined;
    throw new MttOAuthError(
      refusal.data.error,
      messageFor(refusal.data.error, grant, description),
      {
        description,
        status,
      },
    );
  }
  if (status < 200 || status >= 300) {
    const code = status >= 500 ? "server_error" : "invalid_response";
    throw new MttOAuthError(code, `MTT's OAuth server answered HTTP ${status}`, { status });
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issues = summarizeIssues(parsed.error);
    throw new MttOAuthError(
      "invalid_response",
      `MTT's OAuth server sent no usable tokens: ${issues}`,
      {
        status,
      },
    );
  }

  const issuedAt = (options.now ?? (() => new Date()))().getTime();
  const body = parsed.data;
  const rotated = body.refresh_token ?? undefined;
  if (!rotated && !previous) {
    throw new MttOAuthError("invalid_response", "MTT's OAuth server sent no refresh token", {
      status,
    });
  }
  const refreshExpiresAt =
    rotated || !previous?.expiresAt
      ? new Date(issuedAt + (body.refresh_expires_in ?? DEFAULT_REFRESH_TTL_SEC) * 1000)
      : previous.expiresAt;
  return {
    accessToken: body.access_token,
    refreshToken: rotated ?? previous?.token ?? "",
    accessExpiresAt: new Date(issuedAt + (body.expires_in ?? DEFAULT_ACCESS_TTL_SEC) * 1000),
    refreshExpiresAt,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
