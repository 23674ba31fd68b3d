export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
// localhost, not 127.0.0.1: it is the origin next-auth and PUBLIC_URL use.
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATA_DIR = `e2e/.artifacts/data-${E2E_PORT}`;
export const E2E_ADMIN = { email: "admin@pult.test", password: "admin-password-123" } as const;

const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3108);
export const E2E_OIDC = {
  port: OIDC_PORT,
  issuer: `http://localhost:${OIDC_PORT}`,
  clientId: "pult-e2e",
  clientSecret: "pult-e2e-client-secret",
  name: "Test IdP",
} as const;

// The e2e server runs the bundled PBX simulator in-process but without the demo, so a test
// can connect the tenant through the browser as an admin would.
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 3109);
export const E2E_SIMULATOR = {
  port: SIMULATOR_PORT,
  url: `http://localhost:${SIMULATOR_PORT}`,
  clientId: "pult-e2e-pbx",
  clientSecret: "pult-e2e-pbx-secret",
  login: "e2e-cabinet",
  password: "e2e-cabinet-password",
} as const;
