// An OpenID Connect provider for the bench's people (panva/oidc-provider, as the SSO e2e tests
// use): discovery, PKCE, state, nonce, the token and userinfo endpoints are the real thing, so
// Pult runs its production SSO sign-in. Only the interaction is automatic: whoever the
// authorization request names in login_hint is signed in and consents, with a verified email
// equal to that name. Run by scripts/bench/sso.ts; never exposed beyond loopback.
//
// Environment: IDP_PORT, IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_REDIRECT_URI (Pult's callback).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`bench IdP: ${name} is required`);
    process.exit(2);
  }
  return value;
}

const port = Number(required("IDP_PORT"));
const INTERACTION = "/bench-interaction/";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: required("IDP_CLIENT_ID"),
      client_secret: required("IDP_CLIENT_SECRET"),
      redirect_uris: [required("IDP_REDIRECT_URI")],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "bench", use: "sig" }] },
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: [randomBytes(24).toString("hex")] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `${INTERACTION}${interaction.uid}` },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, email: sub, email_verified: true, name: sub.split("@")[0] }),
  }),
});

const handleOidc = provider.callback();

// Sign in whoever login_hint names and grant what the client asked for, in one step.
async function interact(
  req: Parameters<typeof handleOidc>[0],
  res: Parameters<typeof handleOidc>[1],
) {
  const details = await provider.interactionDetails(req, res);
  const hint = details.params.login_hint;
  const clientId = details.params.client_id;
  if (typeof hint !== "string" || hint === "" || typeof clientId !== "string") {
    res.writeHead(400, { "content-type": "text/plain" }).end("login_hint is required");
    return;
  }
  const accountId = details.session?.accountId ?? hint;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId });
  if (!grant) throw new Error("grant not found");
  const scope = details.params.scope;
  if (typeof scope === "string") grant.addOIDCScope(scope);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url?.startsWith(INTERACTION)) {
    interact(req, res).catch((error: unknown) => {
      console.error("bench IdP: interaction failed", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  void handleOidc(req, res);
});
server.listen(port, "127.0.0.1", () => console.log(`bench IdP listening on ${port}`));
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
