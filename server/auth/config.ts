import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import { headers } from "next/headers";
import { isHttpsRequest } from "@/lib/security/headers";
import Credentials from "next-auth/providers/credentials";
import { signInInput } from "@/lib/schemas/users";
import { getConfig } from "@/server/config";
import { log } from "@/server/logger";
import { endUserSessions } from "@/server/auth/end-session";
import { verifyLogin } from "@/server/auth/login";
import { sameOriginPath } from "@/server/auth/safe-redirect";
import { CLIENT_IP_HEADER } from "@/server/auth/request-headers";
import { getSessionVersion, loadSessionUser, type SessionUser } from "@/server/auth/session-user";
import { linkSsoAccount } from "@/server/auth/sso";

declare module "next-auth" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface Session {
    user: SessionUser;
  }
}

class LoginFailed extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

function buildProviders(): NextAuthConfig["providers"] {
  const config = getConfig();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) throw new LoginFailed("invalid_credentials");
        const result = await verifyLogin({
          ...parsed.data,
          ip: request.headers.get(CLIENT_IP_HEADER),
        });
        if (!result.ok) {
          throw new LoginFailed(
            result.reason === "rate_limited"
              ? `rate_limited:${result.retryAfterSec}`
              : result.reason,
          );
        }
        return { id: result.user.id };
      },
    }),
  ];
  if (config.oidc) {
    providers.push({
      id: "oidc",
      name: config.oidc.name,
      type: "oidc",
      issuer: config.oidc.issuer,
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
      // The ID token is still validated, but claims come from userinfo: many IdPs put email and
      // email_verified only there when an access token is issued.
      idToken: false,
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  return providers;
}

/**
 * Session cookies are Secure (and get the __Secure- prefix) whenever Pult is served over HTTPS:
 * an https PUBLIC_URL, or a TLS-terminating proxy that says X-Forwarded-Proto: https. Without a
 * request (server components, server actions) the same answer comes from the request headers.
 */
async function isServedOverHttps(request: Request | undefined): Promise<boolean> {
  const forwardedProto = request
    ? request.headers.get("x-forwarded-proto")
    : (await headers()).get("x-forwarded-proto");
  return isHttpsRequest(forwardedProto ?? undefined, getConfig().publicUrl);
}

export const { auth, handlers, signIn, signOut } = NextAuth(async (request) => ({
  providers: buildProviders(),
  trustHost: true,
  // HttpOnly and SameSite=Lax are next-auth's defaults for every cookie it sets.
  useSecureCookies: await isServedOverHttps(request),
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60, updateAge: 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  logger: {
    error(error) {
      // A wrong password or a refused SSO identity is an expected outcome, not a server error.
      if (error instanceof CredentialsSignin) return;
      if (error instanceof AuthError && error.type === "AccessDenied") return;
      log.error("auth error", {
        error: error.message,
        cause: error.cause instanceof Error ? error.cause.message : undefined,
      });
    },
    warn(code) {
      log.warn(`auth warning ${code}`);
    },
    debug() {},
  },
  events: {
    // Both the console's sign-out action and POST /api/auth/signout end up here.
    async signOut(message) {
      const uid = "token" in message ? message.token?.uid : undefined;
      if (typeof uid === "string") await endUserSessions(uid);
    },
  },
  callbacks: {
    // Every redirect next-auth makes (after sign-in, sign-out, SSO) stays on Pult's own origin.
    redirect({ url }) {
      const { publicUrl } = getConfig();
      return `${new URL(publicUrl).origin}${sameOriginPath(url, publicUrl) ?? "/live"}`;
    },
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const linked = await linkSsoAccount({
        provider: "oidc",
        providerAccountId: account.providerAccountId,
        email: typeof profile?.email === "string" ? profile.email : null,
        emailVerified: profile?.email_verified === true,
      });
      if (!linked) log.warn("sso sign-in refused: no active Pult account for this identity");
      return linked !== null;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === "oidc") {
        const linked = await linkSsoAccount({
          provider: "oidc",
          providerAccountId: account.providerAccountId,
          email: null,
          emailVerified: false,
        });
        if (!linked) return null;
        token.uid = linked.userId;
        token.sv = await getSessionVersion(linked.userId);
      } else if (user?.id) {
        token.uid = user.id;
        token.sv = await getSessionVersion(user.id);
      }
      if (typeof token.uid !== "string" || typeof token.sv !== "number") return null;
      const current = await loadSessionUser(token.uid, token.sv);
      if (!current) return null;
      token.user = current;
      return token;
    },
    session({ session, token }) {
      const user = token.user as SessionUser;
      return { ...session, user: { ...session.user, ...user } };
    },
  },
}));
