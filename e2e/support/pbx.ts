import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E_SIMULATOR } from "../fixtures";
import { SignInPage } from "../pages/sign-in-page";
import { TelephonyPage } from "../pages/telephony-page";

// Shared steps of the journeys that drive calls through the bundled PBX simulator.

export const SIMULATOR_ORIGIN = `http://localhost:${E2E_SIMULATOR.port}`;

/** The simulator's control API: GET without data, POST with it; fails the test on non-2xx. */
export async function simulator<T>(
  request: APIRequestContext,
  path: string,
  data?: unknown,
): Promise<T> {
  const url = `${E2E_SIMULATOR.url}${path}`;
  const response = data === undefined ? await request.get(url) : await request.post(url, { data });
  expect(response.ok(), `${path} → ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** Connects the company to the simulator through the real OAuth form (once) and syncs it. */
export async function connectAndSync(page: Page): Promise<void> {
  const telephony = new TelephonyPage(page);
  await telephony.goto();
  if ((await telephony.status.textContent()) !== "Connected") {
    await telephony.saveCredentials({
      clientId: E2E_SIMULATOR.clientId,
      clientSecret: E2E_SIMULATOR.clientSecret,
      apiUrl: `${SIMULATOR_ORIGIN}/vats/v1`,
      oauthUrl: SIMULATOR_ORIGIN,
    });
    await telephony.connectAndSignIn(E2E_SIMULATOR.login, E2E_SIMULATOR.password, SIMULATOR_ORIGIN);
    await expect(telephony.status).toHaveText("Connected");
  }
  await expect(telephony.sync).toBeEnabled({ timeout: 30_000 });
  await telephony.sync.click();
  await expect(telephony.syncResult).toContainText("Synced", { timeout: 30_000 });
}

/** A second, independent browser session signed in as someone else. */
export async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await page.waitForURL(/\/live$/);
  return page;
}
