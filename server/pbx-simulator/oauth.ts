import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "@/server/pbx-simulator/clock";
import { readBody, redirect, sendHtml, sendJson } from "@/server/pbx-simulator/http";
import type { SimulatorLog } from "@/server/pbx-simulator/log";
import { renderErrorPage, renderLoginPage } from "@/server/pbx-simulator/oauth-page";

export const DEFAULT_SCOPE = "https://mtt.ru/auth.tokens.readwrite";
const CODE_TTL_MS = 60_000;

export type OAuthOptions = {
  clock: Clock;
  clientId: string;
  clientSecret: string;
  login: string;
  password: string;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  registeredRedirectUri: () => string | undefined;
  registerRedirectUri: (uri: string) => void;
  log: SimulatorLog;
};

type Grant = { expiresAt: number; scope: string };
type Code = Grant & { redirectUri: string; isUsed: boolean };

function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function withParams(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null) url.searchParams.set(key, value);
  }
  return url.toString();
}

function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  const headers: Record<string, string> =
    status === 401 ? { "WWW-Authenticate": 'Basic realm="oauth"' } : {};
  sendJson(res, status, { error, error_description: description }, headers);
}

export type OAuth = ReturnType<typeof createOAuth>;

export function createOAuth(options: OAuthOptions) {
  const codes = new Map<string, Code>();
  const accessTokens = new Map<string, Grant>();
  const refreshTokens = new Map<string, Grant>();
  const now = () => options.clock.now();
  const opaque = () => randomBytes(32).toString("base64url");

  function sweep(): void {
    for (const store of [codes, accessTokens, refreshTokens]) {
      for (const [key, grant] of store) if (grant.expiresAt <= now()) store.delete(key);
    }
  }

  function issueTokens(scope: string) {
    sweep();
    const accessToken = opaque();
    const refreshToken = opaque();
    accessTokens.set(accessToken, { expiresAt: now() + options.accessTokenTtlSec * 1000, scope });
    refreshTokens.set(refreshToken, {
      expiresAt: now() + options.refreshTokenTtlSec * 1000,
      scope,
    });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: "Bearer",
      expires_in: options.accessTokenTtlSec,
      scope,
    };
  }

  async function handleAuthorize(req: IncomingMessage, res: ServerResponse, url: URL) {
    const isPost = req.method === "POST";
    const params = isPost ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const clientId = params.get("client_id") ?? "";
    if (clientId !== options.clientId) {
      sendHtml(
        res,
        400,
        renderErrorPage(`Неизвестное приложение / Unknown client_id "${clientId}"`),
      );
      return;
    }
    const registered = options.registeredRedirectUri();
    const redirectUri = params.get("redirect_uri") ?? registered;
    if (!redirectUri || !isHttpUrl(redirectUri)) {
      sendHtml(
        res,
        400,
        renderErrorPage("redirect_uri отсутствует или неверен / is missing or invalid"),
      );
      return;
    }
    if (registered !== undefined && redirectUri !== registered) {
      // Never redirect to an unregistered URI: that would leak the code to whoever asked.
      sendHtml(
        res,
        400,
        renderErrorPage(
          `redirect_uri не совпадает с зарегистрированным / does not match the registered Redirect URI`,
        ),
      );
      return;
    }
    const state = params.get("state");
    const responseType = params.get("response_type") ?? "";
    if (responseType !== "code") {
      redirect(res, withParams(redirectUri, { error: "unsupported_response_type", state }));
      return;
    }
    const scope = params.get("scope") ?? DEFAULT_SCOPE;
    const form = { clientId, redirectUri, responseType, scope, state };
    if (!isPost) {
      sendHtml(res, 200, renderLoginPage({ ...form, login: "", error: null }));
      return;
    }
    if (params.get("action") === "deny") {
      redirect(res, withParams(redirectUri, { error: "access_denied", state }));
      return;
    }
    const login = params.get("login") ?? "";
    if (
      !sameSecret(login, options.login) ||
      !sameSecret(params.get("password") ?? "", options.password)
    ) {
      const error = "Неверный логин или пароль / Wrong login or password";
      sendHtml(res, 401, renderLoginPage({ ...form, login, error }));
      return;
    }
    if (registered === undefined) {
      options.registerRedirectUri(redirectUri);
      options.log.info("registered the Redirect URI on first use", { redirectUri });
    }
    const code = opaque();
    codes.set(code, { redirectUri, scope, expiresAt: now() + CODE_TTL_MS, isUsed: false });
    redirect(res, withParams(redirectUri, { code, state }));
  }

  function clientCredentials(req: IncomingMessage, params: URLSearchParams) {
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    }
    return { id: params.get("client_id") ?? "", secret: params.get("client_secret") ?? "" };
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse) {
    const contentType = req.headers["content-type"] ?? "";
    const body = await readBody(req);
    if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      oauthError(res, 400, "invalid_request", "expected application/x-www-form-urlencoded");
      return;
    }
    const params = new URLSearchParams(body);
    const grantType = params.get("grant_type");
    if (!grantType) {
      oauthError(res, 400, "invalid_request", "grant_type is required");
      return;
    }
    const client = clientCredentials(req, params);
    if (client.id !== options.clientId || !sameSecret(client.secret, options.clientSecret)) {
      oauthError(res, 401, "invalid_client", "unknown client or wrong client secret");
      return;
    }
    if (grantType === "authorization_code") {
      const codeValue = params.get("code");
      if (!codeValue) {
        oauthError(res, 400, "invalid_request", "code is required");
        return;
      }
      const code = codes.get(codeValue);
      if (!code || code.isUsed || code.expiresAt <= now()) {
        oauthError(res, 400, "invalid_grant", "the code is invalid, expired or already used");
        return;
      }
      code.isUsed = true;
      if ((params.get("redirect_uri") ?? code.redirectUri) !== code.redirectUri) {
        oauthError(res, 400, "invalid_grant", "redirect_uri differs from the authorize request");
        return;
      }
      sendJson(res, 200, issueTokens(code.scope));
      return;
    }
    if (grantType === "refresh_token") {
      const refreshValue = params.get("refresh_token");
      if (!refreshValue) {
        oauthError(res, 400, "invalid_request", "refresh_token is required");
        return;
      }
      const grant = refreshTokens.get(refreshValue);
      if (!grant || grant.expiresAt <= now()) {
        oauthError(res, 400, "invalid_grant", "the refresh token is invalid, expired or rotated");
        return;
      }
      refreshTokens.delete(refreshValue); // rotation: a refresh token works exactly once
      sendJson(res, 200, issueTokens(grant.scope));
      return;
    }
    oauthError(res, 400, "unsupported_grant_type", `grant_type ${grantType} is not supported`);
  }

  function authenticate(req: IncomingMessage): boolean {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const grant = match?.[1] ? accessTokens.get(match[1]) : undefined;
    return grant !== undefined && grant.expiresAt > now();
  }

  return { handleAuthorize, handleToken, authenticate };
}
