import { defineConfig, devices } from "@playwright/test";
import {
  E2E_ADMIN,
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_OIDC,
  E2E_PORT,
  E2E_SIMULATOR,
} from "./e2e/fixtures";

// Debian's Chromium: Playwright's own browser download is not possible on these machines.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  // The retry is for diagnosis only (does it fail again? the failed try's trace is kept): a
  // test that fails and then passes is flaky, and fails the run like any failure.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: true,
  // Journeys go through the real server, the PBX simulator and OAuth pages on a 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-US",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      // A real OpenID Connect provider for the single sign-on journeys.
      // Its output also goes to the log folder of scripts/e2e.mjs, which is checked for secrets.
      command: 'node --import tsx e2e/oidc-idp-server.ts 2>&1 | tee "${E2E_IDP_LOG:-/dev/null}"',
      url: `${E2E_OIDC.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The production server with its own embedded database: the same path as `npm start`.
      // Its output also goes to the log folder of scripts/e2e.mjs, which is checked for secrets.
      // The folder starts as a copy of the migrated template (scripts/e2e-seed-data-dir.ts).
      command: `rm -rf ${E2E_DATA_DIR} && node --import tsx scripts/e2e-seed-data-dir.ts ${E2E_DATA_DIR} && node --import tsx server/main.ts 2>&1 | tee "\${E2E_SERVER_LOG:-/dev/null}"`,
      url: `${E2E_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(E2E_PORT),
        HOST: "127.0.0.1",
        PUBLIC_URL: E2E_BASE_URL,
        DATA_DIR: E2E_DATA_DIR,
        PULT_ADMIN_EMAIL: E2E_ADMIN.email,
        PULT_ADMIN_PASSWORD: E2E_ADMIN.password,
        PULT_TENANT_NAME: "Pult E2E",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
        REDIS_URL: "",
        AUTH_OIDC_ISSUER: E2E_OIDC.issuer,
        AUTH_OIDC_CLIENT_ID: E2E_OIDC.clientId,
        AUTH_OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
        AUTH_OIDC_NAME: E2E_OIDC.name,
        PULT_SIMULATOR: "1",
        // The webhook receivers and CRM stand-ins of the journeys listen on loopback.
        PULT_WEBHOOK_ALLOW_PRIVATE: "true",
        PULT_DEMO: "0",
        SIMULATOR_PORT: String(E2E_SIMULATOR.port),
        SIMULATOR_CLIENT_ID: E2E_SIMULATOR.clientId,
        SIMULATOR_CLIENT_SECRET: E2E_SIMULATOR.clientSecret,
        SIMULATOR_LOGIN: E2E_SIMULATOR.login,
        SIMULATOR_PASSWORD: E2E_SIMULATOR.password,
      },
    },
  ],
});
