export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
// localhost, not 127.0.0.1: it is the origin next-auth and PUBLIC_URL use.
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATA_DIR = "e2e/.artifacts/data";
export const E2E_ADMIN = { email: "admin@pult.test", password: "admin-password-123" } as const;
