// A real OpenID Connect provider (panva/oidc-provider) for the SSO e2e tests: discovery, PKCE,
// state and nonce are checked by both sides exactly as with a production IdP. Its dev login form
// accepts any password; the login becomes the subject and the email.
import Provider from "oidc-provider";
import { E2E_BASE_URL, E2E_OIDC } from "./fixtures";

const provider = new Provider(E2E_OIDC.issuer, {
  clients: [
    {
      client_id: E2E_OIDC.clientId,
      client_secret: E2E_OIDC.clientSecret,
      redirect_uris: [`${E2E_BASE_URL}/api/auth/callback/oidc`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["e2e-oidc-cookie-key-0123456789"] },
  features: { devInteractions: { enabled: true } },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({
      sub,
      email: sub,
      // Logins starting with "unverified" model an IdP that has not verified the address.
      email_verified: !sub.startsWith("unverified"),
      name: sub.split("@")[0],
    }),
  }),
});

provider.listen(E2E_OIDC.port, () => {
  console.log(`e2e OIDC provider at ${E2E_OIDC.issuer}`);
});
